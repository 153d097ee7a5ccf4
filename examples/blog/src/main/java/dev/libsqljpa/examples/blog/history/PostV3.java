package dev.libsqljpa.examples.blog.history;

import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** {@code posts} as deployed in v3: linked to a series. */
@Entity(name = "PostV3")
@Table(name = "posts")
public class PostV3 extends PostColumns {
    @ManyToOne
    @JoinColumn(name = "series_id")
    public SeriesV2 series;
}
