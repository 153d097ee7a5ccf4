package dev.libsqljpa.it.blog;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.stream.Collectors;

/** Shared helpers of the versions' BlogOps. */
public final class Snapshots {

    private Snapshots() {}

    /** {@code label=[a, b]} from a JPQL query returning strings, sorted. */
    public static String list(EntityManager em, String label, String jpql) {
        List<String> values = em.createQuery(jpql, Object.class).getResultList().stream()
                .map(String::valueOf)
                .sorted()
                .collect(Collectors.toList());
        return label + "=" + values;
    }
}
