package dev.libsqljpa.testing.blog.v2;

import dev.libsqljpa.testing.blog.SeriesColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * v2 adds series (with a {@code published} flag that v5 no longer maps; the flag is nullable so that v5
 * can still insert rows while the column is kept); posts stay as in v1.
 */
@Entity(name = "Series")
@Table(name = "series")
public class SeriesV2 extends SeriesColumns {
    public Boolean published;

    public static SeriesV2 of(String slug, LocalDateTime at) {
        SeriesV2 series = new SeriesV2();
        series.fill(slug, at);
        return series;
    }
}
