package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import java.net.URI;
import java.sql.Blob;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large query read through Hibernate's {@code getResultStream()} and {@code ScrollableResults} with a
 * fetch size: every row arrives, in order and with its values; the rows are handed over while the answer
 * arrives (a proxy that passes on only the start of the answer and then stalls still lets the first rows
 * through, which a driver that buffers the whole answer could not); a stream closed early leaves the
 * connection usable. Each server subclass says how it makes the rows and what an early close does.
 */
abstract class StreamingContract {

    static final long ROWS = 100_000;
    /** The answer's first bytes only: far less than the rows of {@link #ROWS} need. */
    private static final int STALL_AFTER_BYTES = 200_000;

    static final Duration NO_HANG = Duration.ofSeconds(30);

    private HttpFaultProxy proxy;
    private SessionFactory factory;

    /** Starts the server; returns its base URI. */
    protected abstract URI startServer() throws Exception;

    protected abstract void stopServer();

    /** A query of {@code n} rows: value, value * 2, 'row ' || value, value * 0.5, x'00ff' (value 1..n). */
    protected abstract String series(long n);

    /**
     * A stream closed before its end on a stalled answer: true when the driver aborts the exchange
     * at once (tursodb), false when it reads the rest first (the cursor endpoint keeps its server stream
     * usable that way) and so gives up only after the request timeout.
     */
    protected abstract boolean closingAborts();

    @BeforeEach
    void start() throws Exception {
        proxy = HttpFaultProxy.start(startServer());
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.connection.url", "jdbc:libsql:" + proxy.uri());
        settings.put("hibernate.connection.autocommit", "true");
        // Where closing aborts, a timeout far beyond NO_HANG: only the abort can end the stalled answer in time.
        settings.put("hibernate.connection.requestTimeout", closingAborts() ? "120" : "3");
        settings.put("hibernate.connection.sharedConnectionLockTimeout", "3");
        settings.put("hibernate.jdbc.fetch_size", "200");
        factory = SessionFactories.build(settings);
    }

    @AfterEach
    void stop() {
        try {
            if (factory != null) {
                factory.close();
            }
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            stopServer();
        }
    }

    @Test
    void getResultStreamDeliversEveryRowInOrderWithItsValues() {
        try (Session session = factory.openSession();
                Stream<Object[]> rows =
                        session.createNativeQuery(series(ROWS), Object[].class).getResultStream()) {
            long[] next = {1};
            rows.forEach(row -> {
                assertRow(row, next[0]);
                next[0]++;
            });
            assertThat(next[0] - 1).isEqualTo(ROWS);
        }
    }

    @Test
    void scrollableResultsDeliverEveryRowInOrderWithItsValues() {
        try (Session session = factory.openSession();
                ScrollableResults<Object[]> rows = session.createNativeQuery(series(ROWS), Object[].class)
                        .setFetchSize(500)
                        .scroll(ScrollMode.FORWARD_ONLY)) {
            long n = 0;
            while (rows.next()) {
                n++;
                assertRow(rows.get(), n);
            }
            assertThat(n).isEqualTo(ROWS);
        }
    }

    @Test
    void theFirstRowsArriveWhileTheRestOfTheAnswerIsStillToCome() {
        proxy.failWhen(r -> r.bodyContains("row "), Fault.stallAfter(STALL_AFTER_BYTES));
        try (Session session = factory.openSession()) {
            try (Stream<Object[]> rows =
                    session.createNativeQuery(series(ROWS), Object[].class).getResultStream()) {
                Iterator<Object[]> it = rows.iterator();
                for (long i = 1; i <= 100; i++) {
                    assertThat(it.hasNext()).isTrue();
                    assertRow(it.next(), i);
                }
                assertThat(proxy.stallsEndedByClient())
                        .describedAs("the answer is still stalled: only its first bytes were sent")
                        .isZero();
            }
            awaitAtLeast(
                    proxy::stallsEndedByClient,
                    1,
                    closingAborts()
                            ? "closing the stream aborts the exchange"
                            : "closing reads the rest, so it gives up on the stalled answer after the request timeout");
            assertThat(proxy.stallsEndedByClient()).isEqualTo(1);
            proxy.clearFaults();
            List<?> again = session.createNativeQuery("SELECT 7", Object.class).getResultList();
            assertThat(((Number) again.get(0)).intValue())
                    .describedAs("the connection goes on")
                    .isEqualTo(7);
        }
    }

    @Test
    void aStreamClosedEarlyLeavesTheConnectionUsable() {
        try (Session session = factory.openSession()) {
            try (Stream<Object[]> rows =
                    session.createNativeQuery(series(ROWS), Object[].class).getResultStream()) {
                Iterator<Object[]> it = rows.iterator();
                for (long i = 1; i <= 10; i++) {
                    assertRow(it.next(), i);
                }
            }
            try (Stream<Object[]> rows =
                    session.createNativeQuery(series(3), Object[].class).getResultStream()) {
                assertThat(rows.map(r -> ((Number) r[0]).longValue())).containsExactly(1L, 2L, 3L);
            }
        }
    }

    private static void assertRow(Object[] row, long value) {
        assertThat(row).hasSize(5);
        assertThat(((Number) row[0]).longValue()).isEqualTo(value);
        assertThat(((Number) row[1]).longValue()).isEqualTo(value * 2);
        assertThat(row[2]).isEqualTo("row " + value);
        assertThat(((Number) row[3]).doubleValue()).isEqualTo(value * 0.5);
        assertThat(bytes(row[4])).containsExactly(0x00, 0xff);
    }

    private static byte[] bytes(Object value) {
        if (value instanceof Blob blob) {
            try {
                return blob.getBytes(1, (int) blob.length());
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
        return (byte[]) value;
    }

    private static void awaitAtLeast(java.util.function.LongSupplier counter, long atLeast, String what) {
        long deadline = System.nanoTime() + NO_HANG.toNanos();
        while (counter.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + NO_HANG + ": " + what);
            }
            LockSupport.parkNanos(10_000_000L); // a polling interval, not a wait for the condition
        }
    }
}
