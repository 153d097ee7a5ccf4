package dev.libsqljpa.testing.blog.v5;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** v5 adds images, each belonging to a post ({@code images.post_id -> posts}, NOT NULL). */
@Entity(name = "Image")
@Table(name = "images", indexes = @Index(name = "images_post_id_idx", columnList = "post_id"))
public class ImageV5 {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "post_id", nullable = false)
    public PostV5 post;

    @Column(nullable = false)
    public String url;

    public String alt;

    @Column(name = "inserted_at", nullable = false)
    public LocalDateTime insertedAt;

    public static ImageV5 of(PostV5 post, String url, LocalDateTime at) {
        ImageV5 image = new ImageV5();
        image.post = post;
        image.url = url;
        image.alt = "Image of " + post.slug;
        image.insertedAt = at;
        return image;
    }
}
