package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that sends the head and the first rows of a streamed answer and then stalls (keeps the
 * connection open, sends nothing): {@code next()} returns the rows that arrived, then fails with
 * {@code HYT00} once a read has waited for the statement's timeout; the HTTP exchange is aborted (the
 * proxy sees the client close the connection) and the connection's state afterwards is defined.
 */
class LibsqlStalledAnswerTest {

    private static final int REQUEST_TIMEOUT_SECONDS = 2;
    /** Upper bound for "did not hang": the timeout plus generous slack for a loaded machine. */
    private static final Duration NO_HANG = Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS + 10);
    /**
     * Rows of 4,000 characters: the first 10,000 bytes of the cursor answer hold the head line, the
     * step_begin and exactly two complete rows (the third ends after about 12,400 bytes).
     */
    private static final String ROWS = "WITH RECURSIVE g(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM g WHERE v < 5)"
            + " SELECT v, printf('%.4000c', 'x') AS pad FROM g";

    private static final int STALL_AFTER_BYTES = 10_000;

    private static LibsqlTestServer server;
    private HttpFaultProxy proxy;
    private NonRegisteringLibsqlDriver driver;
    private Connection c;

    @BeforeAll
    static void startServer() {
        server = LibsqlTestServer.builder()
                .idleStreamTimeout(Duration.ofSeconds(2))
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() throws SQLException {
        proxy = HttpFaultProxy.start(server.uri());
        driver = new NonRegisteringLibsqlDriver();
        Properties properties = new Properties();
        properties.setProperty("requestTimeout", Integer.toString(REQUEST_TIMEOUT_SECONDS));
        c = driver.connect("jdbc:libsql:" + proxy.uri(), properties);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS st");
            s.execute("CREATE TABLE st (id INTEGER PRIMARY KEY)");
        }
        proxy.failWhen(r -> r.path().endsWith("/v3/cursor"), Fault.stallAfter(STALL_AFTER_BYTES));
    }

    @AfterEach
    void close() throws SQLException {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a broken connection may fail to close; the test asserted its state already
        }
        driver.close();
        proxy.close();
    }

    @Test
    void inAutocommitTheRowsThatArrivedAreReadThenNextTimesOutAndTheConnectionGoesOn() throws SQLException {
        List<Long> read = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery(ROWS);
            SQLException failure = assertTimeoutPreemptively(NO_HANG, () -> {
                try {
                    while (rs.next()) {
                        read.add(rs.getLong(1));
                        assertThat(rs.getString(2)).hasSize(4000);
                    }
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            assertThat(read).containsExactly(1L, 2L);
            assertThat((Throwable) failure).isInstanceOf(SQLTimeoutException.class);
            assertThat(failure.getSQLState()).isEqualTo("HYT00");
            assertThat(failure.getMessage()).contains("stalled").contains(REQUEST_TIMEOUT_SECONDS * 1000 + " ms");
            awaitAtLeast(proxy::stallsEndedByClient, 1, "the driver aborts the stalled exchange");
            assertThat(proxy.stallsEndedByClient()).isEqualTo(1);
            assertTimeoutPreemptively(NO_HANG, rs::close);
            assertThat(rs.isClosed()).isTrue();
        }
        long before = proxy.requests();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM st")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
        assertThat(proxy.requests() - before)
                .describedAs("the next statement: one request, the abandoned cursor stream is not contacted")
                .isEqualTo(1);
        assertThat(c.isValid(5)).isTrue();
    }

    @Test
    void theQueryTimeoutBoundsEachReadWhenItIsShorterThanTheRequestTimeout() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10);
            s.setQueryTimeout(1);
            ResultSet rs = s.executeQuery(ROWS);
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThatThrownBy(() -> assertTimeoutPreemptively(NO_HANG, rs::next))
                    .isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("1000 ms");
        }
    }

    @Test
    void closingBeforeTheEndOfAStalledAnswerFailsWithinTheTimeoutAndTheConnectionGoesOn() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery(ROWS);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThatThrownBy(() -> assertTimeoutPreemptively(NO_HANG, rs::close))
                    .isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("ResultSet.close");
            assertThat(rs.isClosed()).isTrue();
            awaitAtLeast(proxy::stallsEndedByClient, 1, "the driver aborts the stalled exchange");
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM st")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void inATransactionTheTimeoutBreaksTheConnectionBecauseTheTransactionsStreamIsUnusable() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO st (id) VALUES (1)");
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery(ROWS);
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThatThrownBy(() -> assertTimeoutPreemptively(NO_HANG, rs::next))
                    .isInstanceOf(SQLTimeoutException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("HYT00");
            awaitAtLeast(proxy::stallsEndedByClient, 1, "the driver aborts the stalled exchange");
            long before = proxy.requests();
            assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM st"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("broken by an earlier failure")
                    .hasMessageContaining("stalled")
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("08006");
            assertThat(proxy.requests() - before)
                    .describedAs("a broken connection sends nothing")
                    .isZero();
        }
        assertThat(c.isValid(5)).isFalse();
        try (Connection direct = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = direct.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM st")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1))
                    .describedAs("the transaction's insert never committed")
                    .isZero();
        }
    }

    @Test
    void cancelFromAnotherThreadAbortsACursorReadBlockedOnTheStallAndTheConnectionGoesOn() throws Exception {
        try (Connection patient = patientConnection();
                Statement s = patient.createStatement()) {
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery(ROWS);
            BlockedReader reader = BlockedReader.start(rs).awaitBlocked(2, NO_HANG);
            assertThat(proxy.stallsEndedByClient()).isZero();
            s.cancel();
            SQLException failure = reader.awaitFailure(NO_HANG);
            assertThat(failure.getSQLState()).isEqualTo("57014");
            assertThat(failure.getMessage()).contains("was cancelled");
            assertThat(reader.rows()).isEqualTo(2);
            awaitAtLeast(proxy::stallsEndedByClient, 1, "the driver aborts the stalled exchange");
            assertThat(proxy.stallsEndedByClient()).isEqualTo(1);
            rs.close();
            try (ResultSet again = s.executeQuery("SELECT count(*) FROM st")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getInt(1)).isZero();
            }
            assertThat(patient.isValid(5)).isTrue();
        }
    }

    @Test
    void cancelAbortsAResultSetCloseThatReadsTheRestOfAStalledCursor() throws Exception {
        try (Connection patient = patientConnection();
                Statement s = patient.createStatement()) {
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery(ROWS);
            assertThat(rs.next()).isTrue();
            AtomicReference<Throwable> closing = new AtomicReference<>();
            Thread closer = new Thread(() -> {
                try {
                    rs.close();
                } catch (Throwable t) {
                    closing.set(t);
                }
            });
            closer.start();
            long deadline = System.nanoTime() + NO_HANG.toNanos();
            while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
                assertThat(System.nanoTime()).describedAs("the close blocks").isLessThan(deadline);
                LockSupport.parkNanos(10_000_000L); // a polling interval, not a wait for the condition
            }
            s.cancel();
            closer.join(NO_HANG.toMillis());
            assertThat(closer.isAlive())
                    .describedAs("the cancel ended the close")
                    .isFalse();
            assertThat(closing.get()).isInstanceOf(SQLException.class);
            assertThat(((SQLException) closing.get()).getSQLState()).isEqualTo("57014");
            assertThat(closing.get().getMessage()).contains("ResultSet.close was cancelled");
            assertThat(rs.isClosed()).isTrue();
            try (ResultSet again = s.executeQuery("SELECT count(*) FROM st")) {
                assertThat(again.next()).isTrue();
            }
        }
    }

    @Test
    void cancelOfACursorReadInATransactionBreaksTheConnectionClearly() throws Exception {
        try (Connection patient = patientConnection();
                Statement s = patient.createStatement()) {
            patient.setAutoCommit(false);
            try (ResultSet first = s.executeQuery("SELECT 1")) { // opens the transaction, locks no table
                assertThat(first.next()).isTrue();
            }
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery(ROWS);
            BlockedReader reader = BlockedReader.start(rs).awaitBlocked(2, NO_HANG);
            s.cancel();
            SQLException failure = reader.awaitFailure(NO_HANG);
            assertThat(failure.getSQLState()).isEqualTo("57014");
            assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM st"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("broken by an earlier failure")
                    .hasMessageContaining("cancelled")
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("08006");
            assertThat(patient.isValid(5)).isFalse();
        }
    }

    /** A connection whose timeouts are far beyond the no-hang bound: only a cancel ends a stalled read. */
    private Connection patientConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("requestTimeout", "120");
        return driver.connect("jdbc:libsql:" + proxy.uri(), properties);
    }

    /** Polls until the counter reaches {@code at least}; fails after the no-hang bound. */
    private static void awaitAtLeast(LongSupplier counter, long atLeast, String what) {
        long deadline = System.nanoTime() + NO_HANG.toNanos();
        while (counter.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + NO_HANG + ": " + what);
            }
            LockSupport.parkNanos(10_000_000L); // a polling interval, not a wait for the condition
        }
    }
}
