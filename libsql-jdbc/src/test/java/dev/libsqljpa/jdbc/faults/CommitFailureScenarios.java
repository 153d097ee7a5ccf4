package dev.libsqljpa.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction state machine of docs/reliability.md, cell by cell, with the network between
 * driver and server failing while the server keeps its state: commit / rollback / close ×
 * {not sent, outcome unknown}. Every test asserts the rows on the server exactly, the SQLState,
 * and what the connection does afterwards. Runs on the testkit and on tursodb.
 */
abstract class CommitFailureScenarios {
    protected HttpFaultProxy proxy;
    protected NonRegisteringLibsqlDriver driver;
    private URI serverUri;

    /** Called by the subclass's {@code @BeforeEach} once its server runs. */
    protected void start(URI server) throws IOException, SQLException {
        serverUri = server;
        proxy = HttpFaultProxy.start(server);
        driver = new NonRegisteringLibsqlDriver();
        try (Connection c = direct();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS cf");
            s.execute("CREATE TABLE cf (name TEXT NOT NULL)");
        }
    }

    @AfterEach
    void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
            driver.close();
        }
    }

    /** The server, reached directly (not through the proxy). */
    protected URI serverUri() {
        return serverUri;
    }

    protected Connection viaProxy() throws SQLException {
        return driver.connect("jdbc:libsql:" + proxy.uri(), new Properties());
    }

    protected Connection direct() throws SQLException {
        return driver.connect("jdbc:libsql:" + serverUri(), new Properties());
    }

    /** The rows on the server, read on a separate connection (only when no transaction is open). */
    protected List<String> rows() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = direct();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM cf ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    protected static void insert(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO cf VALUES ('" + name + "')"))
                    .isEqualTo(1);
        }
    }

    /** The connection works normally afterwards: a new transaction commits exactly its row. */
    protected void assertUsable(Connection c, String name) throws SQLException {
        assertThat(c.getAutoCommit()).describedAs("still in manual-commit mode").isFalse();
        assertThat(c.isValid(5)).describedAs("isValid afterwards").isTrue();
        insert(c, name);
        c.commit();
    }

    // ---------------------------------------------------------------- commit, not sent

    /** Asserts a 40000 that names the earlier failure and asks for rollback(). */
    protected static void assertAborted(SQLException e, String because) {
        assertThat((Object) e).isInstanceOf(SQLTransactionRollbackException.class);
        assertThat(e.getSQLState()).isEqualTo("40000");
        assertThat(e.getMessage()).contains(because).contains("call rollback()");
    }

    @Test
    void commitThatNeverReachedTheServerIsNeverReportedAsDoneLater() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.refuseConnections(true);
            SQLException failed = catchThrowableOfType(SQLException.class, c::commit);
            assertThat(failed.getSQLState()).describedAs(failed.getMessage()).isEqualTo("08001");
            assertThat(failed.getMessage()).contains("nothing was committed").contains("call rollback()");
            proxy.refuseConnections(false).clearFaults();
            assertAborted(catchThrowableOfType(SQLException.class, c::commit), "could not reach the server");
            c.rollback();
            assertThat(rows())
                    .describedAs("A was never committed, and nothing says it was")
                    .isEmpty();
            assertUsable(c, "B");
        }
        assertThat(rows()).containsExactly("B");
    }

    @Test
    void moreWorkAfterACommitThatNeverReachedTheServerFailsUntilRollback() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.refuseConnections(true);
            assertThat(catchThrowableOfType(SQLException.class, c::commit).getSQLState())
                    .isEqualTo("08001");
            proxy.refuseConnections(false).clearFaults();
            assertAborted(catchThrowableOfType(SQLException.class, () -> insert(c, "B")), "could not reach the server");
            assertAborted(
                    catchThrowableOfType(SQLException.class, () -> c.setAutoCommit(true)),
                    "could not reach the server");
            assertThat(c.getAutoCommit())
                    .describedAs("switching autocommit on would commit: refused")
                    .isFalse();
            c.rollback();
            insert(c, "B");
            c.commit();
        }
        assertThat(rows()).describedAs("B alone, once").containsExactly("B");
    }

    @Test
    void isValidAfterAFailedCommitDoesNotRevealOrCommitTheTransaction() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.refuseConnections(true);
            assertThat(catchThrowableOfType(SQLException.class, c::commit).getSQLState())
                    .isEqualTo("08001");
            assertThat(c.isValid(1)).describedAs("the server is unreachable").isFalse();
            proxy.refuseConnections(false).clearFaults();
            assertThat(c.isValid(5))
                    .describedAs("reachable again: the connection works")
                    .isTrue();
            assertAborted(catchThrowableOfType(SQLException.class, () -> insert(c, "B")), "could not reach the server");
            c.rollback();
            assertThat(rows()).isEmpty();
            assertUsable(c, "C");
        }
        assertThat(rows()).containsExactly("C");
    }

    @Test
    void rollbackAfterACommitThatNeverReachedTheServerDiscardsTheTransaction() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.refuseConnections(true);
            assertThat(catchThrowableOfType(SQLException.class, c::commit).getSQLState())
                    .isEqualTo("08001");
            proxy.refuseConnections(false).clearFaults();
            c.rollback();
            assertThat(rows()).isEmpty();
            assertUsable(c, "C");
        }
        assertThat(rows()).containsExactly("C");
    }

    // ---------------------------------------------------------------- rollback, not sent

    @Test
    void rollbackThatCannotReachTheServerIsQuietAndNothingIsEverCommitted() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.refuseConnections(true);
            c.rollback(); // called from finally blocks: must not throw
            SQLWarning warning = c.getWarnings();
            assertThat((Object) warning).isNotNull();
            assertThat(warning.getMessage()).contains("rollback could not reach the server");
            proxy.refuseConnections(false).clearFaults();
            insert(c, "B");
            c.commit();
        }
        assertThat(rows()).describedAs("A was rolled back, B committed alone").containsExactly("B");
    }

    @Test
    void applicationRetryAfterAFailedCommitAndRollbackLeavesExactlyOneCopy() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.refuseConnections(true);
            assertThat(catchThrowableOfType(SQLException.class, c::commit).getSQLState())
                    .isEqualTo("08001");
            c.rollback(); // what frameworks do after a failed commit, still unreachable
            proxy.refuseConnections(false).clearFaults();
            insert(c, "A"); // the application redoes its work
            c.commit();
        }
        assertThat(rows()).describedAs("exactly one copy").containsExactly("A");
    }

    // ---------------------------------------------------------------- outcome unknown

    @Test
    void commitWhoseAnswerIsLostReports08007AndAbortsUntilRollback() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.failNext(Fault.DROP_AFTER_FORWARD);
            SQLException unknown = catchThrowableOfType(SQLException.class, c::commit);
            assertThat(unknown.getSQLState()).describedAs(unknown.getMessage()).isEqualTo("08007");
            assertThat(unknown.getMessage()).contains("outcome is unknown");
            assertThat(proxy.faultsInjected())
                    .describedAs("the server answered")
                    .isEqualTo(1);
            proxy.refuseConnections(false).clearFaults();

            assertAborted(
                    catchThrowableOfType(SQLException.class, () -> insert(c, "B")), "commit's outcome is unknown");
            SQLException commitAgain = catchThrowableOfType(SQLException.class, c::commit);
            assertThat(commitAgain.getSQLState())
                    .describedAs("never a silent success")
                    .isEqualTo("40000");

            c.rollback();
            assertThat(rows()).describedAs("the server did process the commit").containsExactly("A");
            assertUsable(c, "C");
        }
        assertThat(rows()).containsExactly("A", "C");
    }

    @Test
    void rollbackWhoseAnswerIsLostIsQuietAndNothingIsCommitted() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.failNext(Fault.DROP_AFTER_FORWARD);
            c.rollback();
            assertThat((Object) c.getWarnings()).isNotNull();
            proxy.refuseConnections(false).clearFaults();
            assertThat(rows()).isEmpty();
            assertUsable(c, "B");
        }
        assertThat(rows()).containsExactly("B");
    }

    // ---------------------------------------------------------------- close

    @Test
    void closeThatCannotReachTheServerCommitsNothing() throws Exception {
        Connection c = viaProxy();
        c.setAutoCommit(false);
        insert(c, "A");
        proxy.refuseConnections(true);
        SQLException failed = catchThrowableOfType(SQLException.class, c::close);
        assertThat(failed.getSQLState()).isEqualTo("08001");
        assertThat(c.isClosed()).isTrue();
        proxy.refuseConnections(false).clearFaults();
        assertThat(rowsAfterAbandonedTransaction()).isEmpty();
    }

    @Test
    void closeAfterACommitWhoseOutcomeIsUnknownCommitsNothingMore() throws Exception {
        Connection c = viaProxy();
        c.setAutoCommit(false);
        insert(c, "A");
        proxy.failNext(Fault.DROP_AFTER_FORWARD);
        assertThat(catchThrowableOfType(SQLException.class, c::commit).getSQLState())
                .isEqualTo("08007");
        proxy.refuseConnections(false).clearFaults();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(rows()).containsExactly("A");
    }

    /**
     * The rows once a transaction abandoned by an unreachable close is gone: on a full server the
     * rows are never visible (the stream rolls back when it expires); on tursodb the shared
     * transaction must be rolled back explicitly.
     */
    protected abstract List<String> rowsAfterAbandonedTransaction() throws SQLException;
}
