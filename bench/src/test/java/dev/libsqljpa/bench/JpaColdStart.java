package dev.libsqljpa.bench;

import dev.libsqljpa.bench.BenchEntities.Kv;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.management.ManagementFactory;

/**
 * Child-JVM probe: a JPA application's start (HikariCP pool with the starter's defaults, Hibernate 7 with
 * the bench's 24 entities and {@code hbm2ddl.auto=update} on an up-to-date schema) to its first result,
 * {@code em.find(Kv, 1)}. Prints {@code result firstResultMs=<ms since JVM start>}.
 */
public final class JpaColdStart {
    private JpaColdStart() {}

    public static void main(String[] args) {
        try (var pool = Jpa.pool(args[0]);
                EntityManagerFactory emf = Jpa.emf(pool);
                EntityManager em = emf.createEntityManager()) {
            Kv kv = em.find(Kv.class, 1L);
            long ms = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("result firstResultMs=" + ms + " b=" + kv.b);
        }
    }
}
