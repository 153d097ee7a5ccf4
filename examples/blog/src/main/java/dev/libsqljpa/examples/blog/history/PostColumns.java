package dev.libsqljpa.examples.blog.history;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** The v1 columns of {@code posts}, shared by the historical post entities. */
@MappedSuperclass
public abstract class PostColumns {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(columnDefinition = "text")
    public String content;

    public String excerpt;
    public String tags;

    @Column(nullable = false)
    public boolean published;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "inserted_at", nullable = false)
    public Instant insertedAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
