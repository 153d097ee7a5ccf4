package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hibernate.model.Event;
import dev.libsqljpa.hibernate.model.Tag;
import dev.libsqljpa.testkit.LibsqlTestServer;
import jakarta.persistence.EntityManager;
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
     * batch_size=50: the 20 JDBC batches of the flush are deferred by the driver and sent in one
     * request (with BEGIN), then the commit.
     */
    @Test
    void persistingAThousandUuidEntitiesInBatchesOfFiftyTakesTwoRequests() {
        server.counters().reset();
        inTransaction(em -> {
            for (int i = 0; i < 1000; i++) {
                em.persist(new Event(UUID.randomUUID(), "event " + i));
            }
        });
        assertThat(server.counters().httpRequests()).isEqualTo(2);
        assertThat(countRows("Event")).isEqualTo(1000L);
    }

    @Test
    void persistingAThousandAssignedIdEntitiesInBatchesOfFiftyTakesTwoRequests() {
        server.counters().reset();
        inTransaction(em -> {
            for (int i = 0; i < 1000; i++) {
                em.persist(new Tag((long) i, "tag " + i));
            }
        });
        assertThat(server.counters().httpRequests()).isEqualTo(2);
        assertThat(countRows("Tag")).isEqualTo(1000L);
    }

    /** One JDBC batch for the whole flush: the insert batch (with BEGIN) and the commit. */
    @Test
    void persistingAThousandEntitiesInOneJdbcBatchTakesTwoRequests() {
        server.counters().reset();
        inTransaction(em -> {
            em.unwrap(Session.class).setJdbcBatchSize(1000);
            for (int i = 0; i < 1000; i++) {
                em.persist(new Event(UUID.randomUUID(), "event " + i));
            }
        });
        assertThat(server.counters().httpRequests()).isEqualTo(2);
        assertThat(countRows("Event")).isEqualTo(1000L);
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

    private long countRows(String table) {
        return fromTransaction(em -> ((Number) em.createNativeQuery("select count(*) from " + table)
                .getSingleResult()).longValue());
    }
}
