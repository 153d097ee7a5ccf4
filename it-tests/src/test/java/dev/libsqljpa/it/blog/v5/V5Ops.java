package dev.libsqljpa.it.blog.v5;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.it.blog.Snapshots;
import dev.libsqljpa.testing.blog.v5.Image;
import dev.libsqljpa.testing.blog.v5.Post;
import dev.libsqljpa.testing.blog.v5.Series;
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
        Series series = Series.of("series-" + tag, AT);
        em.persist(series);
        Post post = Post.of("post-" + tag, series, 1, AT);
        em.persist(post);
        em.persist(Image.of(post, "https://img.example/" + tag + ".png", AT));
        return "ok";
    }

    @Override
    @Transactional
    public String snapshot() {
        return Snapshots.list(em, "posts", "select p.slug from Post p")
                + " " + Snapshots.list(em, "series", "select s.slug from Series s")
                + " " + Snapshots.list(em, "links", "select concat(p.slug, '->', s.slug) from Post p join p.series s")
                + " "
                + Snapshots.list(
                        em,
                        "positions",
                        "select concat(p.slug, '#', p.seriesPosition) from Post p where p.seriesPosition > 0")
                + " " + Snapshots.list(em, "images", "select concat(i.url, '->', i.post.slug) from Image i");
    }
}
