package dev.libsqljpa.hibernate.schema.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A broken v4 for negative tests: adds a UNIQUE column, which SQLite cannot add to an existing table. */
public final class BadV4 {

    private BadV4() {}

    public static final Class<?>[] ENTITIES = {Post.class};

    @Entity(name = "Post")
    @Table(name = "posts")
    public static class Post {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        @Column(nullable = false)
        public String title;

        @Column(unique = true)
        public String subtitle;
    }
}
