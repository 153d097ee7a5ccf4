package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hibernate.model.Event;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code EntityTransaction.commit()} fails because the server cannot be reached; the application
 * retries the way applications do (begin again, redo the work, commit). Exactly one copy of the
 * work may exist afterwards: never zero (a commit reported as done but lost), never two.
 */
class CommitFailureRetryTest {
    private static final String ORDER = "order-42";

    private AutoCloseable server;
    private HttpFaultProxy proxy;
    private EntityManagerFactory emf;

    @AfterEach
    void stop() throws Exception {
        if (emf != null) {
            emf.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void retryAfterAnUnreachableCommitLeavesExactlyOneRowOnTheTestkit() throws Exception {
        LibsqlTestServer testkit = LibsqlTestServer.builder().port(0).start();
        server = testkit;
        retryScenario(testkit.uri());
    }

    @Test
    void retryAfterAnUnreachableCommitLeavesExactlyOneRowOnTursoDb() throws Exception {
        TursoDbServer tursodb = TursoDbServer.start();
        server = tursodb;
        retryScenario(URI.create(tursodb.url()));
    }

    private void retryScenario(URI target) throws Exception {
        proxy = HttpFaultProxy.start(target);
        emf = Persistence.createEntityManagerFactory(
                "matrix", Map.of("jakarta.persistence.jdbc.url", "jdbc:libsql:" + proxy.uri()));
        List<RuntimeException> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= 2; attempt++) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                em.persist(new Event(UUID.randomUUID(), ORDER)); // a new id per attempt: a lost or
                em.flush(); // doubled commit shows as 0 or 2 rows
                if (attempt == 1) {
                    proxy.refuseConnections(true);
                }
                tx.commit();
                break;
            } catch (RuntimeException e) {
                failures.add(e); // Hibernate already rolled back (unreachable: quietly)
                proxy.refuseConnections(false); // the outage ends
                if (tx.isActive()) {
                    tx.rollback();
                }
            } finally {
                em.close();
            }
        }
        assertThat(failures)
                .describedAs("the first commit fails, the retry succeeds")
                .hasSize(1);
        assertThat(sqlState(failures.get(0)))
                .describedAs("nothing reached the server")
                .isEqualTo("08001");
        EntityManager check = emf.createEntityManager();
        try {
            Long copies = check.createQuery("select count(e) from Event e where e.name = :name", Long.class)
                    .setParameter("name", ORDER)
                    .getSingleResult();
            assertThat(copies)
                    .describedAs("exactly one copy of the retried work")
                    .isEqualTo(1L);
        } finally {
            check.close();
        }
    }

    private static String sqlState(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        throw new AssertionError("no SQLException in the cause chain", thrown);
    }
}
