package dev.libsqljpa.testing.blog;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;

/** The columns {@code posts} has since v1; every version's post entity extends this. */
@MappedSuperclass
public abstract class PostColumns {
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

    /** Fills the required columns: title and slug from {@code slug}, the insert time from {@code at}. */
    protected void fill(String slug, LocalDateTime at) {
        this.title = "Post " + slug;
        this.slug = slug;
        this.content = "Content of " + slug;
        this.insertedAt = at;
        this.updatedAt = at;
    }
}
