package dev.libsqljpa.testing.blog.v5;

import dev.libsqljpa.testing.blog.v4.PostV4Columns;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v5: posts as in v4, linked to the v5 series. */
@Entity(name = "Post")
@Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
public class PostV5 extends PostV4Columns {
    @ManyToOne
    @JoinColumn(name = "series_id")
    public SeriesV5 series;

    public static PostV5 of(String slug, SeriesV5 series, int position, LocalDateTime at) {
        PostV5 post = new PostV5();
        post.fill(slug, position, at);
        post.series = series;
        return post;
    }
}
