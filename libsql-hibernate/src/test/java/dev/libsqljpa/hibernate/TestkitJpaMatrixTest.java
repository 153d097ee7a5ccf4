package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.libsqljpa.hibernate.model.Event;
import dev.libsqljpa.hibernate.model.Tag;
import dev.libsqljpa.testkit.LibsqlTestServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.RollbackException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

/**
 * The matrix on the in-JVM testkit server through the libSQL driver, with no {@code hibernate.dialect}:
 * plus the round-trip budget, counted at the server.
 */
class TestkitJpaMatrixTest extends JpaMatrixContract {

    private LibsqlTestServer server;

    @Override
    protected Map<String, Object> startServer() {
        server = LibsqlTestServer.builder().port(0).start();
        return Map.of("jakarta.persistence.jdbc.url", "jdbc:libsql:" + server.url());
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void hibernatePicksLibsqlDialectFromTheProductName() {
        assertThat(emf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect())
                .isExactlyInstanceOf(LibsqlDialect.class);
    }

    /**
     * batch_size=50: the 20 JDBC batches of the commit's flush are deferred by the driver and ride
     * the commit: BEGIN, 1000 rows and COMMIT in one request.
     */
    @Test
    void persistingAThousandUuidEntitiesInBatchesOfFiftyAndCommittingTakesOneRequest() {
        server.counters().reset();
        inTransaction(em -> {
            for (int i = 0; i < 1000; i++) {
                em.persist(new Event(UUID.randomUUID(), "event " + i));
            }
        });
        assertThat(server.counters().httpRequests()).isEqualTo(1);
        assertThat(countRows("Event")).isEqualTo(1000L);
    }

    @Test
    void persistingAThousandAssignedIdEntitiesInBatchesOfFiftyAndCommittingTakesOneRequest() {
        server.counters().reset();
        inTransaction(em -> {
            for (int i = 0; i < 1000; i++) {
                em.persist(new Tag((long) i, "tag " + i));
            }
        });
        assertThat(server.counters().httpRequests()).isEqualTo(1);
        assertThat(countRows("Tag")).isEqualTo(1000L);
    }

    /** One JDBC batch for the whole flush: it rides the commit as well. */
    @Test
    void persistingAThousandEntitiesInOneJdbcBatchAndCommittingTakesOneRequest() {
        server.counters().reset();
        inTransaction(em -> {
            em.unwrap(Session.class).setJdbcBatchSize(1000);
            for (int i = 0; i < 1000; i++) {
                em.persist(new Event(UUID.randomUUID(), "event " + i));
            }
        });
        assertThat(server.counters().httpRequests()).isEqualTo(1);
        assertThat(countRows("Event")).isEqualTo(1000L);
    }

    /**
     * A row of the commit's flush that violates a constraint fails the commit itself (the JPA
     * exception of a failed commit, with the driver's constraint violation as its cause), in the
     * one request that carried the rows: the gated COMMIT did not run, nothing was committed.
     */
    @Test
    void uniqueViolationInARowRidingTheCommitFailsTheCommitAndCommitsNothing() {
        inTransaction(em -> em.persist(new Tag(5L, "five")));
        server.counters().reset();
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            for (int i = 0; i < 120; i++) {
                em.persist(new Tag(1000L + i, "t" + i));
            }
            em.persist(new Tag(5L, "again"));
            assertThat(server.counters().httpRequests())
                    .describedAs("persist sends nothing")
                    .isZero();

            Throwable thrown = catchThrowable(() -> em.getTransaction().commit());

            assertThat(thrown).describedAs("thrown by commit").isInstanceOf(RollbackException.class);
            SQLIntegrityConstraintViolationException violation = driverViolation(thrown);
            assertThat(violation.getSQLState()).isEqualTo("23505");
            assertThat(violation.getErrorCode()).isEqualTo(19);
            assertThat(violation.getMessage()).contains("Tag.id");
            assertThat(server.counters().httpRequests())
                    .describedAs("the rows and the gated COMMIT in one request; the rollback after it sends nothing")
                    .isEqualTo(1);
            assertThat(em.getTransaction().isActive()).isFalse();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
        assertThat(countRows("Tag"))
                .describedAs("nothing of the failed commit committed")
                .isEqualTo(1L);
        assertThat(server.counters().openStreams()).isZero();
    }

    private static SQLIntegrityConstraintViolationException driverViolation(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException violation) {
                return violation;
            }
        }
        throw new AssertionError("no SQLIntegrityConstraintViolationException in the cause chain", thrown);
    }

    /** An explicit flush sends the deferred batches itself (1 request); the commit is the second. */
    @Test
    void explicitFlushSendsTheDeferredBatchesAtOnce() {
        server.counters().reset();
        inTransaction(em -> {
            for (int i = 0; i < 1000; i++) {
                em.persist(new Tag((long) i, "tag " + i));
            }
            em.flush();
            assertThat(server.counters().httpRequests()).isEqualTo(1);
        });
        assertThat(server.counters().httpRequests()).isEqualTo(2);
    }

    @Test
    void findByIdTakesOneRequest() {
        inTransaction(em -> em.persist(new Tag(7L, "seven")));
        EntityManager em = emf.createEntityManager();
        try {
            server.counters().reset();
            assertThat(em.find(Tag.class, 7L).getLabel()).isEqualTo("seven");
            assertThat(server.counters().httpRequests()).isEqualTo(1);
        } finally {
            em.close();
        }
    }

    /**
     * A read-only transaction as Spring's {@code @Transactional(readOnly = true)} runs it (the
     * connection marked read-only for the transaction): the find is one request and the commit sends
     * nothing.
     */
    @Test
    void findInAReadOnlyTransactionTakesOneRequest() {
        inTransaction(em -> em.persist(new Tag(7L, "seven")));
        EntityManager em = emf.createEntityManager();
        try {
            server.counters().reset();
            em.getTransaction().begin();
            em.unwrap(Session.class).doWork(connection -> connection.setReadOnly(true));
            assertThat(em.find(Tag.class, 7L).getLabel()).isEqualTo("seven");
            em.unwrap(Session.class).doWork(connection -> connection.setReadOnly(false));
            em.getTransaction().commit();
            assertThat(server.counters().httpRequests()).isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private long countRows(String table) {
        return fromTransaction(em ->
                ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue());
    }
}
