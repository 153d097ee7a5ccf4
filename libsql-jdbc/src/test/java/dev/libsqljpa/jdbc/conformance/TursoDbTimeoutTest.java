package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Query timeout and cancel against a real server running a slow statement (a fresh tursodb each). */
class TursoDbTimeoutTest {
    /** Far longer than the 1 s timeouts below on any machine (about 1.5 s per 50 million rows on an idle 2-core host). */
    private static final String SLOW = "SELECT count(*) FROM generate_series(1, 2000000000)";

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    private HttpFaultProxy proxy;
    private NonRegisteringLibsqlDriver proxyDriver;

    @Test
    void queryTimeoutFailsWithHyt00AndLeavesTheAutocommitConnectionValid(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLTimeoutException e = catchThrowableOfType(SQLTimeoutException.class, () -> s.executeQuery(SLOW));
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("HYT00");
            assertThat(e.getMessage()).contains("it only reads, so nothing was changed");
            assertThat(c.isValid(1))
                    .describedAs("tursodb holds nothing for an autocommit connection")
                    .isTrue();
        }
    }

    /**
     * The answer to an autocommit INSERT stalls (the proxy forwards the request, passes on the headers
     * and holds the body back) until the query timeout fires: the write's outcome is unknown and the
     * message says so, but tursodb holds no stream or transaction for the connection, so it goes on.
     */
    @Test
    void aTimedOutAutocommitWriteHasAnUnknownOutcomeAndTheConnectionGoesOn(TursoDbServer server) throws Exception {
        try (Connection c = throughProxy(server);
                Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            proxy.reset();
            proxy.failNext(Fault.stallAfter(0));

            SQLTimeoutException e =
                    catchThrowableOfType(SQLTimeoutException.class, () -> s.executeUpdate("INSERT INTO t VALUES (1)"));

            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("HYT00");
            assertThat(e.getMessage())
                    .contains("outcome unknown")
                    .contains("may or may not have applied it")
                    .contains("The connection remains usable");
            awaitStallEnded(proxy);
            assertThat(c.isValid(1)).isTrue();
            assertThat(s.executeUpdate("INSERT INTO t VALUES (2)"))
                    .describedAs("the next statement")
                    .isEqualTo(1);
            assertThat(ids(s))
                    .describedAs("the timed-out insert was forwarded, so the server applied it")
                    .isEqualTo("1,2");
            assertThat(proxy.requests())
                    .describedAs("stalled insert, insert, query")
                    .isEqualTo(3);

            s.addBatch("INSERT INTO t VALUES (3)");
            s.addBatch("INSERT INTO t VALUES (4)");
            proxy.failNext(Fault.stallAfter(0));
            SQLTimeoutException batch = catchThrowableOfType(SQLTimeoutException.class, s::executeBatch);
            assertThat((Object) batch)
                    .describedAs("the stalled autocommit batch")
                    .isNotNull();
            assertThat(batch.getMessage()).contains("outcome unknown").contains("all of it or none of it");
            assertThat(c.isValid(1)).isTrue();
            assertThat(ids(s))
                    .describedAs("the batch was forwarded: all of it applied")
                    .isEqualTo("1,2,3,4");
        }
    }

    /** Inside a transaction tursodb holds the connection's transaction: a timeout there still breaks it. */
    @Test
    void aTimeoutInsideATransactionBreaksTheConnection(TursoDbServer server) throws Exception {
        try (Connection c = throughProxy(server);
                Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            c.setAutoCommit(false);
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1)")).isEqualTo(1);
            proxy.failNext(Fault.stallAfter(0));

            SQLTimeoutException e =
                    catchThrowableOfType(SQLTimeoutException.class, () -> s.executeUpdate("INSERT INTO t VALUES (2)"));

            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("HYT00");
            awaitStallEnded(proxy);
            assertThat(c.isValid(1))
                    .describedAs("the transaction's state on the server is unknown")
                    .isFalse();
            c.rollback(); // quiet on a broken connection; tursodb still holds the transaction until it is ended
        }
    }

    /**
     * A connection through a fault proxy in front of the server ({@link #proxy}; closed after the test),
     * with an empty table {@code t (id)}.
     */
    private Connection throughProxy(TursoDbServer server) throws SQLException {
        proxy = HttpFaultProxy.start(URI.create(server.url()));
        proxyDriver = new NonRegisteringLibsqlDriver();
        Connection c = proxyDriver.connect("jdbc:libsql:" + proxy.uri(), new Properties());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        }
        return c;
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxyDriver.close();
            proxy.close();
        }
    }

    private static void awaitStallEnded(HttpFaultProxy proxy) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.stallsEndedByClient() < 1) {
            assertThat(System.nanoTime())
                    .describedAs("the driver closes the stalled exchange")
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static String ids(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT group_concat(id) FROM (SELECT id FROM t ORDER BY id)")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void cancelAbortsTheRequestInFlight(TursoDbServer server) throws Exception {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = c.createStatement()) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.executeQuery(SLOW);
                } catch (SQLException e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Object outcome = null;
            while (System.nanoTime() < deadline) {
                s.cancel(); // no effect until the request is in flight
                try {
                    outcome = running.get(20, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    assertThat(running).isNotDone();
                } catch (ExecutionException e) {
                    throw e;
                }
            }
            assertThat(outcome).isInstanceOf(SQLException.class);
            assertThat(((SQLException) outcome).getSQLState()).isEqualTo("57014");
            assertThat(c.isValid(1)).isFalse();
        }
    }
}
