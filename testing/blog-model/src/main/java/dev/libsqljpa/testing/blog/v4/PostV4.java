package dev.libsqljpa.testing.blog.v4;

import dev.libsqljpa.testing.blog.v2.SeriesV2;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v4: posts get a subtitle and a position in their series. */
@Entity(name = "Post")
@Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
public class PostV4 extends PostV4Columns {
    @ManyToOne
    @JoinColumn(name = "series_id")
    public SeriesV2 series;

    public static PostV4 of(String slug, SeriesV2 series, int position, LocalDateTime at) {
        PostV4 post = new PostV4();
        post.fill(slug, position, at);
        post.series = series;
        return post;
    }
}
