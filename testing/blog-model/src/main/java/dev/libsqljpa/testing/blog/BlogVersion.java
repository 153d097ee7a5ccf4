package dev.libsqljpa.testing.blog;

import java.util.List;

/** The blog model's deployments and the entity classes each one maps. */
public enum BlogVersion {
    V1(dev.libsqljpa.testing.blog.v1.Post.class),
    V2(dev.libsqljpa.testing.blog.v1.Post.class, dev.libsqljpa.testing.blog.v2.Series.class),
    V3(dev.libsqljpa.testing.blog.v3.Post.class, dev.libsqljpa.testing.blog.v2.Series.class),
    V4(dev.libsqljpa.testing.blog.v4.Post.class, dev.libsqljpa.testing.blog.v2.Series.class),
    V5(
            dev.libsqljpa.testing.blog.v5.Post.class,
            dev.libsqljpa.testing.blog.v5.Series.class,
            dev.libsqljpa.testing.blog.v5.Image.class);

    private final List<Class<?>> entities;

    BlogVersion(Class<?>... entities) {
        this.entities = List.of(entities);
    }

    /** The entity classes of this version, for a persistence unit's class list. */
    public List<Class<?>> entities() {
        return entities;
    }

    /** As {@link #entities()}, as an array. */
    public Class<?>[] entityArray() {
        return entities.toArray(Class<?>[]::new);
    }
}
