package dev.libsqljpa.testing.blog.v4;

import dev.libsqljpa.testing.blog.v2.Series;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v4: posts get a subtitle and a position in their series. */
@Entity(name = "Post")
@Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
public class Post extends PostV4Columns {
    @ManyToOne
    @JoinColumn(name = "series_id")
    public Series series;

    public static Post of(String slug, Series series, int position, LocalDateTime at) {
        Post post = new Post();
        post.fill(slug, position, at);
        post.series = series;
        return post;
    }
}
