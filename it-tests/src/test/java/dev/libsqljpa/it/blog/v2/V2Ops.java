package dev.libsqljpa.it.blog.v2;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.it.blog.Snapshots;
import dev.libsqljpa.testing.blog.v1.Post;
import dev.libsqljpa.testing.blog.v2.Series;
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
        em.persist(Post.of("post-" + tag, AT));
        em.persist(Series.of("series-" + tag, AT));
        return "ok";
    }

    @Override
    @Transactional
    public String snapshot() {
        return Snapshots.list(em, "posts", "select p.slug from Post p") + " "
                + Snapshots.list(em, "series", "select s.slug from Series s");
    }
}
