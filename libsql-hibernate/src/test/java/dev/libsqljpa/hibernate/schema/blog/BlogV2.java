package dev.libsqljpa.hibernate.schema.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Blog model, deployment v2 (docs/architecture.md, "The blog model"). */
public final class BlogV2 {

    private BlogV2() {
    }

    /** The entity classes of this version. */
    public static final Class<?>[] ENTITIES = {Post.class, Series.class};

    @Entity(name = "Post")
    @Table(name = "posts", indexes = @Index(name = "posts_slug_idx", columnList = "slug"))
    public static class Post {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        @Column(nullable = false)
        public String title;

        @Column(nullable = false)
        public String slug;

        public String content;
        public String excerpt;
        public String tags;
        public boolean published;

        @Column(name = "published_at")
        public LocalDateTime publishedAt;

        @Column(name = "inserted_at", nullable = false)
        public LocalDateTime insertedAt;

        @Column(name = "updated_at")
        public LocalDateTime updatedAt;
    }

    @Entity(name = "Series")
    @Table(name = "series")
    public static class Series {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        @Column(nullable = false)
        public String title;

        @Column(nullable = false)
        public String slug;

        public String description;
        public boolean published;

        @Column(name = "inserted_at", nullable = false)
        public LocalDateTime insertedAt;

        @Column(name = "updated_at")
        public LocalDateTime updatedAt;
    }
}
