package dev.libsqljpa.it.blog.v3;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.it.blog.Snapshots;
import dev.libsqljpa.testing.blog.v2.Series;
import dev.libsqljpa.testing.blog.v3.Post;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class V3Ops implements BlogOps {
    @PersistenceContext
    EntityManager em;

    @Override
    @Transactional
    public String seed(String tag) {
        Series series = Series.of("series-" + tag, AT);
        em.persist(series);
        em.persist(Post.of("post-" + tag, series, AT));
        return "ok";
    }

    @Override
    @Transactional
    public String snapshot() {
        return Snapshots.list(em, "posts", "select p.slug from Post p")
                + " " + Snapshots.list(em, "series", "select s.slug from Series s")
                + " " + Snapshots.list(em, "links", "select concat(p.slug, '->', s.slug) from Post p join p.series s");
    }
}
