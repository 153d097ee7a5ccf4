package dev.libsqljpa.it.blog.v4;

import static dev.libsqljpa.it.blog.Snapshots.links;
import static dev.libsqljpa.it.blog.Snapshots.positions;
import static dev.libsqljpa.it.blog.Snapshots.posts;
import static dev.libsqljpa.it.blog.Snapshots.series;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.testing.blog.v2.SeriesV2;
import dev.libsqljpa.testing.blog.v4.PostV4;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class V4Ops implements BlogOps {
    @PersistenceContext
    EntityManager em;

    @Override
    @Transactional
    public String seed(String tag) {
        SeriesV2 series = SeriesV2.of("series-" + tag, AT);
        em.persist(series);
        em.persist(PostV4.of("post-" + tag, series, 1, AT));
        return "ok";
    }

    @Override
    @Transactional
    public String snapshot() {
        return String.join(" ", posts(em), series(em), links(em), positions(em));
    }
}
