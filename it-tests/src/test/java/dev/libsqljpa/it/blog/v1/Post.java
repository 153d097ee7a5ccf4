package dev.libsqljpa.it.blog.v1;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Blog v1: posts only. */
@Entity
@Table(name = "posts")
public class Post {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String title;
    @Column(unique = true, nullable = false)
    public String slug;
    @Column(columnDefinition = "text")
    public String content;
    public String excerpt;
    public String tags;
    public boolean published;
    @Column(name = "published_at")
    public LocalDateTime publishedAt;
    @Column(name = "inserted_at", nullable = false)
    public LocalDateTime insertedAt;
    @Column(name = "updated_at", nullable = false)
    public LocalDateTime updatedAt;

    public static Post of(String slug) {
        Post post = new Post();
        post.title = "Post " + slug;
        post.slug = slug;
        post.content = "Content of " + slug;
        post.excerpt = "About " + slug;
        post.tags = "java,libsql";
        post.published = true;
        post.insertedAt = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        post.updatedAt = post.insertedAt;
        post.publishedAt = post.insertedAt;
        return post;
    }
}
