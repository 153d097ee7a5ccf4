package dev.libsqljpa.testing.blog.v4;

import dev.libsqljpa.testing.blog.PostColumns;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;

/**
 * v4 adds {@code subtitle} and a NOT NULL {@code series_position} to a table that already has rows (the
 * schema tool must give the new column a default); v5 keeps both.
 */
@MappedSuperclass
public abstract class PostV4Columns extends PostColumns {
    public String subtitle;

    @Column(name = "series_position", nullable = false)
    public int seriesPosition;

    /** As {@link #fill(String, LocalDateTime)}, plus a subtitle from {@code slug} and the position. */
    protected void fill(String slug, int position, LocalDateTime at) {
        fill(slug, at);
        this.subtitle = "Subtitle of " + slug;
        this.seriesPosition = position;
    }
}
