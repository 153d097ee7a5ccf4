package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.libsqljpa.hibernate.model.Tag;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.ManualClock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PessimisticLockException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.hibernate.JDBCException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SQLite's single writer lock, as JPA applications see it through the dialect. */
class LockingTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private LibsqlTestServer server;
    private EntityManagerFactory emf;

    private void start(Duration maxLockWait) {
        server = LibsqlTestServer.builder()
                .port(0)
                .clock(clock)
                .writeLockTimeout(Duration.ofSeconds(5))
                .maxLockWait(maxLockWait)
                .start();
        emf = Persistence.createEntityManagerFactory(
                "matrix", Map.of("jakarta.persistence.jdbc.url", "jdbc:libsql:" + server.url()));
    }

    @AfterEach
    void stop() {
        if (emf != null) {
            emf.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static <T extends Throwable> T inChain(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the cause chain", thrown);
    }

    /** Polls {@code condition} (no sleeping); fails if it does not hold within 20 s. */
    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aWriterThatCannotGetTheLockGetsAPessimisticLockException() {
        start(Duration.ofMillis(300));
        EntityManager holder = emf.createEntityManager();
        EntityManager waiter = emf.createEntityManager();
        try {
            holder.getTransaction().begin();
            holder.persist(new Tag(1L, "holder"));
            holder.flush(); // holds the write lock from here on

            waiter.getTransaction().begin();
            waiter.persist(new Tag(2L, "waiter"));
            Throwable thrown = catchThrowable(waiter::flush);
            assertThat(thrown).isInstanceOf(PessimisticLockException.class);
            assertThat(inChain(thrown, org.hibernate.PessimisticLockException.class)
                            .getSQLException()
                            .getErrorCode())
                    .isEqualTo(5); // SQLITE_BUSY
            waiter.getTransaction().rollback();

            holder.getTransaction().commit();
        } finally {
            holder.close();
            waiter.close();
        }
        EntityManager em = emf.createEntityManager();
        assertThat(em.find(Tag.class, 1L)).isNotNull();
        assertThat(em.find(Tag.class, 2L)).isNull();
        em.close();
    }

    @Test
    void aTransactionTheServerRolledBackForHoldingTheLockIsReportedAsRolledBack() throws Exception {
        start(Duration.ofSeconds(30));
        EntityManager holder = emf.createEntityManager();
        EntityManager waiter = emf.createEntityManager();
        try {
            holder.getTransaction().begin();
            holder.persist(new Tag(1L, "holder"));
            holder.flush();

            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                waiter.getTransaction().begin();
                waiter.persist(new Tag(2L, "waiter"));
                waiter.getTransaction().commit();
            });
            awaitUntil(
                    "the second writer waits for the lock or gives up",
                    () -> server.counters().waitingWriters() > 0 || waiting.isDone());
            assertThat(waiting)
                    .describedAs("the second writer is still waiting (it did not fail or finish)")
                    .isNotDone();
            assertThat(server.counters().waitingWriters())
                    .describedAs("writers waiting for the lock")
                    .isEqualTo(1);
            clock.advance(Duration.ofSeconds(6)); // the holder is now older than the write-lock timeout
            waiting.get(20, TimeUnit.SECONDS); // the waiter got the lock and committed

            holder.persist(new Tag(3L, "too late"));
            Throwable thrown = catchThrowable(holder::flush);
            JDBCException converted = inChain(thrown, JDBCException.class);
            assertThat(converted.getSQLException().getSQLState()).isEqualTo("40000");
            assertThat(converted.getClass().getSimpleName())
                    .isIn("TransactionSerializationException", "PessimisticLockException");
            if (holder.getTransaction().isActive()) {
                holder.getTransaction().rollback();
            }
        } finally {
            holder.close();
            waiter.close();
        }
        EntityManager em = emf.createEntityManager();
        assertThat(em.find(Tag.class, 1L)).isNull();
        assertThat(em.find(Tag.class, 2L)).isNotNull();
        em.close();
    }
}
