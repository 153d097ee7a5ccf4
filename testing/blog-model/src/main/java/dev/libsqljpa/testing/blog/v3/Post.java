package dev.libsqljpa.testing.blog.v3;

import dev.libsqljpa.testing.blog.PostColumns;
import dev.libsqljpa.testing.blog.v2.Series;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v3: a post may belong to a series ({@code posts.series_id -> series}). */
@Entity(name = "Post")
@Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
public class Post extends PostColumns {
    @ManyToOne
    @JoinColumn(name = "series_id")
    public Series series;

    public static Post of(String slug, Series series, LocalDateTime at) {
        Post post = new Post();
        post.fill(slug, at);
        post.series = series;
        return post;
    }
}
