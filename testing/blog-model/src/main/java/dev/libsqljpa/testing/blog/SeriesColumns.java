package dev.libsqljpa.testing.blog;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;

/** The columns {@code series} keeps from v2 to v5 (v5 drops only {@code published}). */
@MappedSuperclass
public abstract class SeriesColumns {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String slug;

    public String description;

    @Column(name = "inserted_at", nullable = false)
    public LocalDateTime insertedAt;

    @Column(name = "updated_at")
    public LocalDateTime updatedAt;

    /** Fills the required columns from {@code slug}, the insert time from {@code at}. */
    protected void fill(String slug, LocalDateTime at) {
        this.title = "Series " + slug;
        this.slug = slug;
        this.insertedAt = at;
        this.updatedAt = at;
    }
}
