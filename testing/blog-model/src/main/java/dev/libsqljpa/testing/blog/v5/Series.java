package dev.libsqljpa.testing.blog.v5;

import dev.libsqljpa.testing.blog.SeriesColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v5: series without {@code published} (the column stays unless unmapped columns are dropped). */
@Entity(name = "Series")
@Table(name = "series")
public class Series extends SeriesColumns {

    public static Series of(String slug, LocalDateTime at) {
        Series series = new Series();
        series.fill(slug, at);
        return series;
    }
}
