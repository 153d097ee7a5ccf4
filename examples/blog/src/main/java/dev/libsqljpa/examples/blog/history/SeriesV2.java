package dev.libsqljpa.examples.blog.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** {@code series} as deployed in v2 to v4 (v5 drops {@code published}). */
@Entity(name = "SeriesV2")
@Table(name = "series")
public class SeriesV2 {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false, unique = true)
    public String slug;

    public String description;

    @Column(nullable = false)
    public boolean published;

    @Column(name = "inserted_at", nullable = false)
    public Instant insertedAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
