package dev.libsqljpa.examples.blog.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;

/** An image of a post (model v5). */
@Entity
@Table(name = "images")
public class Image {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id", nullable = false)
    private Post post;

    @Column(nullable = false)
    private String url;

    private String alt;

    @Column(name = "inserted_at", nullable = false)
    private Instant insertedAt;

    protected Image() {}

    Image(Post post, String url, String alt) {
        this.post = post;
        this.url = url;
        this.alt = alt;
    }

    @PrePersist
    void onInsert() {
        insertedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Post getPost() {
        return post;
    }

    public String getUrl() {
        return url;
    }

    public String getAlt() {
        return alt;
    }
}
