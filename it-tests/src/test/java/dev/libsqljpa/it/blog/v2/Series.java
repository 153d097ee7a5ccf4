package dev.libsqljpa.it.blog.v2;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Blog v2…v4: series (v5 drops "published"). */
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
    public Boolean published;
    @Column(name = "inserted_at", nullable = false)
    public LocalDateTime insertedAt;
    @Column(name = "updated_at", nullable = false)
    public LocalDateTime updatedAt;

    public static Series of(String slug) {
        Series series = new Series();
        series.title = "Series " + slug;
        series.slug = slug;
        series.description = "All about " + slug;
        series.published = Boolean.TRUE;
        series.insertedAt = LocalDateTime.of(2024, 2, 3, 4, 5, 6);
        series.updatedAt = series.insertedAt;
        return series;
    }
}
