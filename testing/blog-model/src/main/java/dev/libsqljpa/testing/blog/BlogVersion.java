package dev.libsqljpa.testing.blog;

import dev.libsqljpa.testing.blog.v1.PostV1;
import dev.libsqljpa.testing.blog.v2.SeriesV2;
import dev.libsqljpa.testing.blog.v3.PostV3;
import dev.libsqljpa.testing.blog.v4.PostV4;
import dev.libsqljpa.testing.blog.v5.ImageV5;
import dev.libsqljpa.testing.blog.v5.PostV5;
import dev.libsqljpa.testing.blog.v5.SeriesV5;
import java.util.List;

/** The blog model's deployments and the entity classes each one maps. */
public enum BlogVersion {
    V1(PostV1.class),
    V2(PostV1.class, SeriesV2.class),
    V3(PostV3.class, SeriesV2.class),
    V4(PostV4.class, SeriesV2.class),
    V5(PostV5.class, SeriesV5.class, ImageV5.class);

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
