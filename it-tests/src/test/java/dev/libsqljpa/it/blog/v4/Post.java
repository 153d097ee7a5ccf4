package dev.libsqljpa.it.blog.v4;

import dev.libsqljpa.it.blog.v2.Series;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Blog v4: + posts.subtitle, posts.series_position. */
@Entity
@Table(name = "posts")
public class Post {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String title;
    public String subtitle;
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
    @ManyToOne
    @JoinColumn(name = "series_id")
    public Series series;
    @Column(name = "series_position")
    public Integer seriesPosition;

    public static Post of(String slug, Series series, int position) {
        Post post = new Post();
        post.title = "Post " + slug;
        post.subtitle = "Subtitle of " + slug;
        post.slug = slug;
        post.content = "Content of " + slug;
        post.excerpt = "About " + slug;
        post.tags = "java,libsql";
        post.published = true;
        post.insertedAt = LocalDateTime.of(2024, 4, 5, 6, 7, 8);
        post.updatedAt = post.insertedAt;
        post.series = series;
        post.seriesPosition = position;
        return post;
    }
}
