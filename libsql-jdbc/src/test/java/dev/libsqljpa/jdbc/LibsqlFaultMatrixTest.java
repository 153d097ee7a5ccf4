package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.proxy.ProxiedRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wire fault of {@link HttpFaultProxy} in every place a JDBC call can meet it: an autocommit
 * statement, a statement in the middle of a transaction, the commit, and an autocommit
 * {@code executeBatch}. Each cell asserts the SQLState class of the failure (or success), that the call
 * returned within the configured request timeout, the rows on the server (none or all, never a
 * duplicate) and what the connection is afterwards.
 */
class LibsqlFaultMatrixTest {

    /** The request timeout the driver is given (seconds); {@link Fault#slow} holds answers longer. */
    static final int REQUEST_TIMEOUT_SECONDS = 2;
    /** Slack above the request timeout for a call to count as "no hang". */
    static final Duration HANG_SLACK = Duration.ofSeconds(3);

    enum Context {
        AUTOCOMMIT,
        MID_TRANSACTION,
        COMMIT,
        BATCH
    }

    /** The faults of the matrix: the proxy's faults plus a refused connection. */
    enum WireFault {
        DROP_BEFORE_FORWARD(Fault.DROP_BEFORE_FORWARD),
        DROP_AFTER_FORWARD(Fault.DROP_AFTER_FORWARD),
        RESET(Fault.RESET),
        HTTP_500_HTML(Fault.HTTP_500_HTML),
        HTTP_502(Fault.HTTP_502),
        HTTP_503(Fault.HTTP_503),
        HTTP_429(Fault.HTTP_429),
        HTTP_401(Fault.HTTP_401),
        TRUNCATED_BODY(Fault.TRUNCATED_BODY),
        GARBAGE_JSON(Fault.GARBAGE_JSON),
        WRONG_SHAPE_JSON(Fault.WRONG_SHAPE_JSON),
        SLOW(Fault.slow(Duration.ofSeconds(30))),
        CONNECTION_REFUSED(null);

        final Fault fault;

        WireFault(Fault fault) {
            this.fault = fault;
        }
    }

    /** What a connection is after the fault. */
    enum State {
        /** The next statement works (in a transaction: the transaction goes on). */
        USABLE,
        /** The transaction is gone: statements fail with 40xxx until rollback(), then it works. */
        ABORTED,
        /** Statements fail with 08xxx; the pool must discard it. */
        BROKEN
    }

    /**
     * The expected outcome of a cell.
     *
     * @param sqlState a prefix of the failure's SQLState, or null for success
     * @param rows rows of the test table on the server afterwards (after the test's recovery step)
     * @param state the connection afterwards
     */
    record Expect(String sqlState, long rows, State state) {}

    static LibsqlTestServer server;

    @BeforeAll
    static void startServer() {
        // Short limits so that a stream a faulted cell leaves behind on the server (the driver gave it up,
        // the server never heard) cannot hold the write lock into the next cell for long.
        server = LibsqlTestServer.builder()
                .idleStreamTimeout(Duration.ofSeconds(3))
                .writeLockTimeout(Duration.ofSeconds(1))
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Stream<Arguments> allCells() {
        List<Arguments> cells = new ArrayList<>();
        for (WireFault fault : WireFault.values()) {
            for (Context context : Context.values()) {
                cells.add(Arguments.of(fault, context));
            }
        }
        return cells.stream();
    }

    /**
     * Cells whose correct behaviour needs the transaction state machine for failed commits and for a
     * 429 inside a transaction (branch {@code session}): every commit cell, and 429 mid-transaction.
     */
    static boolean needsSessionStateMachine(WireFault fault, Context context) {
        return context == Context.COMMIT || fault == WireFault.HTTP_429 && context == Context.MID_TRANSACTION;
    }

    static Stream<Arguments> cells() {
        return allCells().filter(a -> !needsSessionStateMachine((WireFault) a.get()[0], (Context) a.get()[1]));
    }

    static Stream<Arguments> sessionCells() {
        return allCells().filter(a -> needsSessionStateMachine((WireFault) a.get()[0], (Context) a.get()[1]));
    }

    /** Rows on the server when the work of the context was applied (mid-transaction: after the commit). */
    static long allRows(Context context) {
        return switch (context) {
            case AUTOCOMMIT -> 1;
            case MID_TRANSACTION, COMMIT -> 2;
            case BATCH -> 3;
        };
    }

    /**
     * The correct behaviour of each cell. {@code sqlState} is a prefix of the expected SQLState.
     *
     * <ul>
     *   <li>Nothing reached the server for sure (refused connection, 401, 429): the connection stays usable,
     *       an open transaction goes on; 429 without a baton is retried (autocommit, batch) and succeeds.</li>
     *   <li>The outcome is unknown (dropped or reset connection, 5xx, cut or malformed answer, timeout): the
     *       call fails, nothing is resent, the connection is broken. The rows are those the server really
     *       applied: all of an autocommit statement or batch if the request was forwarded, else none; an
     *       unfinished transaction is never committed.</li>
     *   <li>Commit: a commit that certainly did not reach the server aborts the transaction (40000 on later
     *       statements until rollback); one whose outcome is unknown fails with 08007 and aborts it the same
     *       way; one refused with an answer that ends the stream (401, 429) fails with 40000.</li>
     * </ul>
     */
    static Expect expected(WireFault fault, Context context) {
        boolean forwarded = fault.fault != null && fault.fault.forwards();
        long applied = allRows(context);
        if (context == Context.COMMIT) {
            return switch (fault) {
                case CONNECTION_REFUSED -> new Expect("08001", 0, State.ABORTED);
                // refused with an answer that ended the stream: the transaction is rolled back (40000)
                case HTTP_429, HTTP_401 -> new Expect("40000", 0, State.ABORTED);
                default -> new Expect("08007", forwarded ? applied : 0, State.ABORTED);
            };
        }
        boolean inTransaction = context == Context.MID_TRANSACTION;
        long unknownOutcomeRows = forwarded && !inTransaction ? applied : 0;
        return switch (fault) {
            case CONNECTION_REFUSED -> new Expect("08001", inTransaction ? applied : 0, State.USABLE);
            case HTTP_429 ->
                inTransaction ? new Expect("40000", 0, State.ABORTED) : new Expect(null, applied, State.USABLE);
            case HTTP_401 -> new Expect("28000", 0, inTransaction ? State.BROKEN : State.USABLE);
            case SLOW -> new Expect("HYT00", unknownOutcomeRows, State.BROKEN);
            case GARBAGE_JSON, WRONG_SHAPE_JSON -> new Expect("08P01", unknownOutcomeRows, State.BROKEN);
            default -> new Expect("08006", unknownOutcomeRows, State.BROKEN);
        };
    }

    @ParameterizedTest(name = "{0} during {1}")
    @MethodSource("cells")
    void faultDuring(WireFault fault, Context context) throws Exception {
        check(fault, context);
    }

    @ParameterizedTest(name = "{0} during {1}")
    @MethodSource("sessionCells")
    void faultDuringCommitOr429InTransaction(WireFault fault, Context context) throws Exception {
        check(fault, context);
    }

    private static void check(WireFault fault, Context context) throws Exception {
        try (Connection direct = DriverManager.getConnection("jdbc:libsql:" + server.url());
                Statement s = direct.createStatement()) {
            s.execute("DROP TABLE IF EXISTS m");
            s.execute("CREATE TABLE m (id INTEGER PRIMARY KEY)");
        }
        Observed observed;
        try (HttpFaultProxy proxy = HttpFaultProxy.start(server.uri()).keepAlive(false);
                NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            Properties properties = new Properties();
            properties.setProperty("requestTimeout", Integer.toString(REQUEST_TIMEOUT_SECONDS));
            properties.setProperty("connectTimeout", Integer.toString(REQUEST_TIMEOUT_SECONDS));
            Connection c = driver.connect("jdbc:libsql:" + proxy.uri(), properties);
            try {
                observed = run(proxy, c, fault, context);
            } finally {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing a broken connection may fail; the cell already recorded its state
                }
            }
        }
        Expect expect = expected(fault, context);
        String cell = fault + " during " + context;
        assertThat(observed.elapsed())
                .describedAs("%s: the call must return within the request timeout", cell)
                .isLessThanOrEqualTo(Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS).plus(HANG_SLACK));
        if (expect.sqlState() == null) {
            assertThat(observed.sqlState())
                    .describedAs("%s: success expected, got %s", cell, observed.message())
                    .isNull();
        } else {
            assertThat(observed.sqlState())
                    .describedAs("%s: SQLState; %s", cell, observed.message())
                    .startsWith(expect.sqlState());
        }
        assertThat(observed.state())
                .describedAs("%s: connection afterwards", cell)
                .isEqualTo(expect.state());
        assertThat(observed.rows())
                .describedAs("%s: rows on the server (0 or all, never a duplicate)", cell)
                .isEqualTo(expect.rows());
    }

    record Observed(String sqlState, String message, Duration elapsed, State state, long rows) {}

    private static Predicate<ProxiedRequest> target(Context context) {
        return switch (context) {
            case AUTOCOMMIT -> r -> r.bodyContains("VALUES (1)");
            case BATCH -> r -> r.bodyContains("VALUES (?)");
            case MID_TRANSACTION -> r -> r.bodyContains("VALUES (2)");
            case COMMIT -> r -> r.bodyContains("\"sql\":\"COMMIT\"");
        };
    }

    private static Observed run(HttpFaultProxy proxy, Connection c, WireFault fault, Context context)
            throws SQLException {
        if (context == Context.MID_TRANSACTION || context == Context.COMMIT) {
            c.setAutoCommit(false);
            insert(c, 1);
        }
        if (context == Context.COMMIT) {
            insert(c, 2);
        }
        if (fault.fault != null) {
            proxy.failWhen(target(context), fault.fault);
        } else {
            proxy.refuseConnections(true);
        }
        SQLException failure = null;
        long start = System.nanoTime();
        try {
            switch (context) {
                case AUTOCOMMIT -> insert(c, 1);
                case MID_TRANSACTION -> insert(c, 2);
                case COMMIT -> c.commit();
                case BATCH -> {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO m (id) VALUES (?)")) {
                        for (int i = 1; i <= 3; i++) {
                            p.setInt(1, i);
                            p.addBatch();
                        }
                        p.executeBatch();
                    }
                }
            }
        } catch (SQLException e) {
            failure = e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (fault.fault == null) {
            proxy.refuseConnections(false);
        }
        proxy.clearFaults();
        State state = probe(c, context);
        if (state == State.USABLE && context == Context.MID_TRANSACTION) {
            // The transaction goes on: finish it as the application would (re-run the failed statement
            // only if it did not happen).
            if (failure != null) {
                insert(c, 2);
            }
            c.commit();
        } else if (state == State.USABLE && context == Context.COMMIT && failure != null) {
            c.commit();
        } else if (state == State.ABORTED) {
            c.rollback();
        } else if (state == State.BROKEN && !c.isClosed() && !c.getAutoCommit()) {
            // rollback() runs in finally blocks: on a broken connection it returns with a warning (nothing
            // of the transaction was committed), and the connection stays broken for the pool to discard.
            c.clearWarnings();
            c.rollback();
            assertThat((Object) c.getWarnings())
                    .describedAs("rollback() on a broken connection warns")
                    .isNotNull();
            assertThat(probe(c, context))
                    .describedAs("still broken after rollback()")
                    .isEqualTo(State.BROKEN);
        }
        return new Observed(
                failure == null ? null : String.valueOf(failure.getSQLState()),
                failure == null ? "" : failure.getMessage(),
                elapsed,
                state,
                rowsOnServer());
    }

    /** Sends one statement to learn the connection's state; clears an aborted transaction. */
    private static State probe(Connection c, Context context) throws SQLException {
        if (c.isClosed()) {
            return State.BROKEN;
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM m")) {
            rs.next();
            return State.USABLE;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("40")) {
                return State.ABORTED;
            }
            return State.BROKEN;
        }
    }

    private static void insert(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO m (id) VALUES (" + id + ")");
        }
    }

    private static long rowsOnServer() throws SQLException {
        try (Connection direct = DriverManager.getConnection("jdbc:libsql:" + server.url());
                Statement s = direct.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM m")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
