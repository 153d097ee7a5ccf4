package dev.libsqljpa.it.blog.v1;

import static dev.libsqljpa.it.blog.Snapshots.posts;

import dev.libsqljpa.it.blog.BlogOps;
import dev.libsqljpa.testing.blog.v1.PostV1;
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
        PostV1 post = PostV1.of("post-" + tag, AT);
        em.persist(post);
        return "post " + post.id;
    }

    @Override
    @Transactional
    public String snapshot() {
        return posts(em);
    }
}
