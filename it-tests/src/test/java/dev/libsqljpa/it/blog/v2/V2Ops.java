package dev.libsqljpa.it.blog.v2;

import static dev.libsqljpa.it.blog.Snapshots.posts;
import static dev.libsqljpa.it.blog.Snapshots.series;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.testing.blog.v1.PostV1;
import dev.libsqljpa.testing.blog.v2.SeriesV2;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class V2Ops implements BlogOps {
    @PersistenceContext
    EntityManager em;

    @Override
    @Transactional
    public String seed(String tag) {
        em.persist(PostV1.of("post-" + tag, AT));
        em.persist(SeriesV2.of("series-" + tag, AT));
        return "ok";
    }

    @Override
    @Transactional
    public String snapshot() {
        return String.join(" ", posts(em), series(em));
    }
}
