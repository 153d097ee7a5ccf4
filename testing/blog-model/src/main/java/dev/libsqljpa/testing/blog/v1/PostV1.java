package dev.libsqljpa.testing.blog.v1;

import dev.libsqljpa.testing.blog.PostColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v1: posts only. */
@Entity(name = "Post")
@Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
public class PostV1 extends PostColumns {

    public static PostV1 of(String slug, LocalDateTime at) {
        PostV1 post = new PostV1();
        post.fill(slug, at);
        return post;
    }
}
