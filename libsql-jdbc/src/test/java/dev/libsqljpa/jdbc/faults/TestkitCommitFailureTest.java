package dev.libsqljpa.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commit-failure cells on libsql-testkit (a full server with streams and batons). */
class TestkitCommitFailureTest extends CommitFailureScenarios {
    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private LibsqlTestServer server;

    @BeforeEach
    void server(LibsqlTestServer server) throws Exception {
        this.server = server;
        start(server.uri());
    }

    @Override
    protected List<String> rowsAfterAbandonedTransaction() throws SQLException {
        return rows(); // uncommitted rows of the abandoned stream are invisible to other streams
    }

    @Test
    void theOwedRollbackRidesTheNextRequestAndNoStreamLeaks() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            proxy.refuseConnections(true);
            c.rollback();
            assertThat(server.counters().openStreams())
                    .describedAs("the server still holds the stream")
                    .isEqualTo(1);
            proxy.refuseConnections(false).clearFaults();
            long before = server.counters().httpRequests();
            insert(c, "B");
            assertThat(server.counters().httpRequests() - before)
                    .describedAs("ROLLBACK rides along")
                    .isEqualTo(1);
            c.commit();
        }
        assertThat(server.counters().openStreams()).isZero();
        assertThat(rows()).containsExactly("B");
    }

    @Test
    void commitRejectedByTheServerRollsBackAndTheConnectionStaysUsable() throws Exception {
        try (Connection c = viaProxy();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER "
                    + "REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
            c.setAutoCommit(false);
            insert(c, "A");
            s.executeUpdate("INSERT INTO child VALUES (1, 42)");
            SQLException failed = catchThrowableOfType(SQLException.class, c::commit);
            assertThat(failed.getSQLState()).describedAs(failed.getMessage()).isEqualTo("23503");
            assertThat(rows()).describedAs("processed and failed: rolled back").isEmpty();
            assertUsable(c, "B");
        }
        assertThat(rows()).containsExactly("B");
        assertThat(server.counters().openStreams()).isZero();
    }

    @Test
    void commitAfterTheServerLostTheTransactionFailsWith40000AndRollbackIsQuiet() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            server.restart(); // every baton is invalid now: the transaction is gone
            SQLException failed = catchThrowableOfType(SQLException.class, c::commit);
            assertThat((Object) failed).isInstanceOf(SQLTransactionRollbackException.class);
            assertThat(failed.getSQLState()).isEqualTo("40000");
            c.rollback();
            assertThat(rows()).isEmpty();
            assertUsable(c, "B");
        }
        assertThat(rows()).containsExactly("B");
    }

    @Test
    void rollbackAfterTheServerLostTheTransactionIsQuiet() throws Exception {
        try (Connection c = viaProxy()) {
            c.setAutoCommit(false);
            insert(c, "A");
            server.restart();
            c.rollback();
            assertThat(rows()).isEmpty();
            assertUsable(c, "B");
        }
        assertThat(rows()).containsExactly("B");
    }
}
