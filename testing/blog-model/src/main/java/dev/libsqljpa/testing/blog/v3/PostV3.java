package dev.libsqljpa.testing.blog.v3;

import dev.libsqljpa.testing.blog.PostColumns;
import dev.libsqljpa.testing.blog.v2.SeriesV2;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v3: a post may belong to a series ({@code posts.series_id -> series}). */
@Entity(name = "Post")
@Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
public class PostV3 extends PostColumns {
    @ManyToOne
    @JoinColumn(name = "series_id")
    public SeriesV2 series;

    public static PostV3 of(String slug, SeriesV2 series, LocalDateTime at) {
        PostV3 post = new PostV3();
        post.fill(slug, at);
        post.series = series;
        return post;
    }
}
