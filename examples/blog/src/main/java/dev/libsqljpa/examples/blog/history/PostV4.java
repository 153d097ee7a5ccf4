package dev.libsqljpa.examples.blog.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** {@code posts} as deployed in v4: subtitle and position in the series. */
@Entity(name = "PostV4")
@Table(name = "posts")
public class PostV4 extends PostColumns {
    @ManyToOne
    @JoinColumn(name = "series_id")
    public SeriesV2 series;

    public String subtitle;

    @Column(name = "series_position")
    public Integer seriesPosition;
}
