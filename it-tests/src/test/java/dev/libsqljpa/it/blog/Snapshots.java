package dev.libsqljpa.it.blog;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.stream.Collectors;

/** Shared helpers of the versions' BlogOps. */
public final class Snapshots {

    private Snapshots() {}

    /** The slugs of all posts. */
    public static String posts(EntityManager em) {
        return list(em, "posts", "select p.slug from Post p");
    }

    /** The slugs of all series (v2 on). */
    public static String series(EntityManager em) {
        return list(em, "series", "select s.slug from Series s");
    }

    /** Post → series links (v3 on). */
    public static String links(EntityManager em) {
        return list(em, "links", "select concat(p.slug, '->', s.slug) from Post p join p.series s");
    }

    /** Positions of posts in their series (v4 on). */
    public static String positions(EntityManager em) {
        return list(
                em, "positions", "select concat(p.slug, '#', p.seriesPosition) from Post p where p.seriesPosition > 0");
    }

    /** Image → post links (v5). */
    public static String images(EntityManager em) {
        return list(em, "images", "select concat(i.url, '->', i.post.slug) from Image i");
    }

    /** {@code label=[a, b]} from a JPQL query returning strings, sorted. */
    public static String list(EntityManager em, String label, String jpql) {
        List<String> values = em.createQuery(jpql, Object.class).getResultList().stream()
                .map(String::valueOf)
                .sorted()
                .collect(Collectors.toList());
        return label + "=" + values;
    }
}
