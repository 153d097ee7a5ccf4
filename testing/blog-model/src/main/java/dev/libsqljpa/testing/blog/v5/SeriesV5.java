package dev.libsqljpa.testing.blog.v5;

import dev.libsqljpa.testing.blog.SeriesColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v5: series without {@code published} (the column stays unless unmapped columns are dropped). */
@Entity(name = "Series")
@Table(name = "series")
public class SeriesV5 extends SeriesColumns {

    public static SeriesV5 of(String slug, LocalDateTime at) {
        SeriesV5 series = new SeriesV5();
        series.fill(slug, at);
        return series;
    }
}
