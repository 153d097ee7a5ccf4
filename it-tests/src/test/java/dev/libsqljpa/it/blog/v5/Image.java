package dev.libsqljpa.it.blog.v5;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Blog v5: images (post_id → posts). */
@Entity
@Table(name = "images")
public class Image {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "post_id", nullable = false)
    public Post post;
    @Column(nullable = false)
    public String url;
    public String alt;
    @Column(name = "inserted_at", nullable = false)
    public LocalDateTime insertedAt;

    public static Image of(Post post, String url) {
        Image image = new Image();
        image.post = post;
        image.url = url;
        image.alt = "Picture for " + post.slug;
        image.insertedAt = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
        return image;
    }
}
