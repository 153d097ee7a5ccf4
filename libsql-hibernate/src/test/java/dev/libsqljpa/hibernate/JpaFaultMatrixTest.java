package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.libsqljpa.hibernate.model.Event;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.ManualClock;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.persistence.RollbackException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JPA unit of work (persist, flush, commit) hit by a wire fault between Hibernate and the testkit,
 * at the flush or at the commit. Each cell asserts the JPA exception, the SQLState under it, the rows
 * on the server right after the failure (exactly what the server processed: 0 or 1, never 2), and that
 * an application retrying the way docs/reliability.md advises (look the work up by its natural key,
 * redo it if missing) ends with exactly one copy.
 */
class JpaFaultMatrixTest {
    /** Where the fault hits. */
    enum At {
        FLUSH,
        COMMIT
    }

    /** One cell: the fault, where it hits, what the application sees and what the server holds. */
    record Cell(
            String name,
            Fault fault,
            At at,
            Class<? extends PersistenceException> jpa,
            String sqlState,
            long rowsAfterFailure) {
        @Override
        public String toString() {
            return name + " at " + at;
        }
    }

    private static final ManualClock CLOCK = new ManualClock();
    private static LibsqlTestServer server;
    private static HttpFaultProxy proxy;
    private static EntityManagerFactory emf;

    @BeforeAll
    static void start() {
        server = LibsqlTestServer.builder().port(0).clock(CLOCK).start();
        proxy = HttpFaultProxy.start(server.uri());
        emf = Persistence.createEntityManagerFactory(
                "matrix", Map.of("jakarta.persistence.jdbc.url", "jdbc:libsql:" + proxy.uri() + "?requestTimeout=3"));
    }

    @AfterAll
    static void stop() {
        if (emf != null) {
            emf.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    static Stream<Cell> cells() {
        Fault slow = Fault.slow(Duration.ofSeconds(5));
        return Stream.of(
                new Cell(
                        "HTTP 500 before forwarding",
                        Fault.HTTP_500_HTML,
                        At.FLUSH,
                        PersistenceException.class,
                        "08006",
                        0),
                new Cell(
                        "HTTP 500 before forwarding",
                        Fault.HTTP_500_HTML,
                        At.COMMIT,
                        RollbackException.class,
                        "08007",
                        0),
                new Cell(
                        "dropped after the server processed it",
                        Fault.DROP_AFTER_FORWARD,
                        At.FLUSH,
                        PersistenceException.class,
                        "08006",
                        0),
                new Cell(
                        "dropped after the server processed it",
                        Fault.DROP_AFTER_FORWARD,
                        At.COMMIT,
                        RollbackException.class,
                        "08007",
                        1),
                new Cell("reset", Fault.RESET, At.FLUSH, PersistenceException.class, "08006", 0),
                new Cell("reset", Fault.RESET, At.COMMIT, RollbackException.class, "08007", 0),
                new Cell("answer cut short", Fault.TRUNCATED_BODY, At.FLUSH, PersistenceException.class, "08006", 0),
                new Cell("answer cut short", Fault.TRUNCATED_BODY, At.COMMIT, RollbackException.class, "08007", 1),
                new Cell("answer slower than the timeout", slow, At.FLUSH, QueryTimeoutException.class, "HYT00", 0),
                new Cell("answer slower than the timeout", slow, At.COMMIT, RollbackException.class, "08007", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void aFailedUnitOfWorkLeavesAllOrNothingAndTheRetryEndsWithOneCopy(Cell cell) {
        String key = "order-" + UUID.randomUUID();
        proxy.clearFaults();
        String marker = cell.at() == At.FLUSH ? key : "COMMIT";
        proxy.failWhen(r -> r.bodyContains(marker), cell.fault());
        List<Throwable> cleanup = new ArrayList<>();

        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        Throwable failure;
        long started = System.nanoTime();
        try {
            tx.begin();
            em.persist(new Event(UUID.randomUUID(), key));
            if (cell.at() == At.FLUSH) {
                failure = catchThrowable(em::flush);
            } else {
                em.flush();
                failure = catchThrowable(tx::commit);
            }
        } finally {
            if (tx.isActive()) {
                Throwable rollback = catchThrowable(tx::rollback);
                if (rollback != null) {
                    cleanup.add(rollback);
                }
            }
            em.close();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(proxy.pendingFaults()).describedAs("the fault fired").isZero();
        assertThat(failure)
                .describedAs(cell + ": the JPA exception (EntityTransaction.commit fails with RollbackException)")
                .isInstanceOf(cell.jpa());
        assertThat(sqlState(failure)).describedAs(cell + ": " + failure).isEqualTo(cell.sqlState());
        assertThat(took).describedAs("no hang past the 3 s request timeout").isLessThan(Duration.ofSeconds(10));
        assertThat(rows(key))
                .describedAs(cell + ": the rows on the server are what it processed, never a duplicate")
                .isEqualTo(cell.rowsAfterFailure());

        // A stream whose answer was lost still holds its transaction (and the write lock) on the server
        // until it expires: sqld after 10 s idle. Let that time pass before the application retries (it
        // also clears what earlier cells left behind).
        CLOCK.advance(Duration.ofSeconds(11));
        if (rows(key) == 0) {
            EntityManager retry = emf.createEntityManager();
            try {
                retry.getTransaction().begin();
                retry.persist(new Event(UUID.randomUUID(), key));
                retry.getTransaction().commit();
            } finally {
                retry.close();
            }
        }
        assertThat(rows(key))
                .describedAs(cell + ": exactly one copy after the retry")
                .isEqualTo(1L);
        assertThat(cleanup).describedAs(cell + ": rollback after the failure").isEmpty();
    }

    private static long rows(String key) {
        EntityManager check = emf.createEntityManager();
        try {
            return check.createQuery("select count(e) from Event e where e.name = :name", Long.class)
                    .setParameter("name", key)
                    .getSingleResult();
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
        return "no SQLException in " + thrown;
    }
}
