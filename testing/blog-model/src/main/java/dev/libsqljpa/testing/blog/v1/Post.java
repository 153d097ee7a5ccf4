package dev.libsqljpa.testing.blog.v1;

import dev.libsqljpa.testing.blog.PostColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v1: posts only. */
@Entity(name = "Post")
@Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
public class Post extends PostColumns {

    public static Post of(String slug, LocalDateTime at) {
        Post post = new Post();
        post.fill(slug, at);
        return post;
    }
}
