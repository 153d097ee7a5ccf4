package dev.libsqljpa.it.blog.v5;

import static dev.libsqljpa.it.blog.Snapshots.images;
import static dev.libsqljpa.it.blog.Snapshots.links;
import static dev.libsqljpa.it.blog.Snapshots.positions;
import static dev.libsqljpa.it.blog.Snapshots.posts;
import static dev.libsqljpa.it.blog.Snapshots.series;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.testing.blog.v5.ImageV5;
import dev.libsqljpa.testing.blog.v5.PostV5;
import dev.libsqljpa.testing.blog.v5.SeriesV5;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class V5Ops implements BlogOps {
    @PersistenceContext
    EntityManager em;

    @Override
    @Transactional
    public String seed(String tag) {
        SeriesV5 series = SeriesV5.of("series-" + tag, AT);
        em.persist(series);
        PostV5 post = PostV5.of("post-" + tag, series, 1, AT);
        em.persist(post);
        em.persist(ImageV5.of(post, "https://img.example/" + tag + ".png", AT));
        return "ok";
    }

    @Override
    @Transactional
    public String snapshot() {
        return String.join(" ", posts(em), series(em), links(em), positions(em), images(em));
    }
}
