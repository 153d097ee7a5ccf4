package dev.libsqljpa.it.blog.v1;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.it.blog.Snapshots;
import dev.libsqljpa.testing.blog.v1.Post;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class V1Ops implements BlogOps {
    @PersistenceContext
    EntityManager em;

    @Override
    @Transactional
    public String seed(String tag) {
        Post post = Post.of("post-" + tag, AT);
        em.persist(post);
        return "post " + post.id;
    }

    @Override
    @Transactional
    public String snapshot() {
        return Snapshots.list(em, "posts", "select p.slug from Post p");
    }
}
