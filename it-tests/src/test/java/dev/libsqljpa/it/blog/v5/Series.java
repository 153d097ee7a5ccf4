package dev.libsqljpa.it.blog.v5;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Blog v5: series without "published". */
@Entity
@Table(name = "series")
public class Series {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String title;
    @Column(unique = true, nullable = false)
    public String slug;
    public String description;
    @Column(name = "inserted_at", nullable = false)
    public LocalDateTime insertedAt;
    @Column(name = "updated_at", nullable = false)
    public LocalDateTime updatedAt;

    public static Series of(String slug) {
        Series series = new Series();
        series.title = "Series " + slug;
        series.slug = slug;
        series.description = "All about " + slug;
        series.insertedAt = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
        series.updatedAt = series.insertedAt;
        return series;
    }
}
