package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real tursodb process killed with SIGKILL in the middle of a transaction and started again on the
 * same file and port: committed rows survive, the open transaction's rows are gone, and the connection
 * that held the transaction never writes outside it afterwards.
 */
class TursoDbKillTest {

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    private static List<Long> ids(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM k ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** Creates k, commits row 1, opens a transaction holding row 2, then kills the server. */
    private static Connection killMidTransaction(NonRegisteringLibsqlDriver driver, TursoDbServer server)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("requestTimeout", "5");
        Connection c = driver.connect("jdbc:libsql:" + server.url(), properties);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE k (id INTEGER PRIMARY KEY)");
            s.executeUpdate("INSERT INTO k VALUES (1)");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO k VALUES (2)");
        }
        long pid = server.pid();
        server.kill();
        assertThat(server.isRunning()).isFalse();
        SQLException whileDown = catchThrowableOfType(
                SQLException.class, () -> c.createStatement().executeUpdate("INSERT INTO k VALUES (3)"));
        assertThat((Object) whileDown)
                .describedAs("a statement while the server is down")
                .isNotNull();
        assertThat(whileDown.getSQLState()).describedAs(whileDown.getMessage()).isEqualTo("08001");
        server.restart();
        assertThat(server.pid()).isNotEqualTo(pid);
        return c;
    }

    @Test
    void killMidTransactionKeepsCommittedRowsAndLosesTheOpenTransaction(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            Connection c = killMidTransaction(driver, server);
            assertThat(ids(server))
                    .describedAs("row 1 was committed; row 2 died with the process")
                    .containsExactly(1L);
            c.close();
        }
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection fresh = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = fresh.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO k VALUES (5)")).isEqualTo(1);
        }
        assertThat(ids(server)).containsExactly(1L, 5L);
    }

    /**
     * tursodb has no streams or batons, so a restart is invisible on the wire: every request of an open
     * transaction carries a first step gated on {@code not is_autocommit}, and a skipped step means the
     * transaction is gone. Here the driver saw the server go down (08001) before the restart.
     */
    @Test
    void deadTransactionNeverWritesInAutocommitAfterTheRestart(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            Connection c = killMidTransaction(driver, server);
            SQLException afterRestart = catchThrowableOfType(
                    SQLException.class, () -> c.createStatement().executeUpdate("INSERT INTO k VALUES (4)"));
            assertLost(afterRestart, "a statement of the dead transaction");
            assertThat(ids(server))
                    .describedAs("nothing of the dead transaction is committed")
                    .containsExactly(1L);
            SQLException again = catchThrowableOfType(SQLException.class, c::commit);
            assertThat((Object) again)
                    .describedAs("commit of the aborted transaction")
                    .isNotNull();
            assertThat(again.getSQLState()).isEqualTo("40000");
            c.rollback();
            assertThat(ids(server)).containsExactly(1L);
            c.close();
        }
    }

    /** The server restarts while the connection is idle inside its transaction: no failure is ever seen. */
    @Test
    void restartBetweenTwoStatementsAbortsTheTransaction(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = openTransactionHoldingRow2(driver, server)) {
            server.kill();
            server.restart();
            SQLException afterRestart = catchThrowableOfType(
                    SQLException.class, () -> c.createStatement().executeUpdate("INSERT INTO k VALUES (4)"));
            assertLost(afterRestart, "the first statement after an unseen restart");
            assertThat(ids(server))
                    .describedAs("neither row 2 (lost with the process) nor row 4 (never ran)")
                    .containsExactly(1L);
            c.rollback();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO k VALUES (5)");
            }
            c.commit();
            assertThat(ids(server))
                    .describedAs("the connection works after rollback()")
                    .containsExactly(1L, 5L);
        }
    }

    /** The server restarts while the connection is idle inside its transaction, and the next call is the commit. */
    @Test
    void commitAfterAnUnseenRestartReportsTheLostTransaction(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = openTransactionHoldingRow2(driver, server)) {
            server.kill();
            server.restart();
            SQLException commit = catchThrowableOfType(SQLException.class, c::commit);
            assertLost(commit, "commit after an unseen restart");
            assertThat(ids(server)).containsExactly(1L);
            c.rollback();
        }
    }

    /** A transaction that only read is replaced by a new one after the restart, as on full servers. */
    @Test
    void readOnlyTransactionGoesOnAfterAnUnseenRestart(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE k (id INTEGER PRIMARY KEY)");
            s.executeUpdate("INSERT INTO k VALUES (1)");
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM k")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            server.kill();
            server.restart();
            s.executeUpdate("INSERT INTO k VALUES (2)");
            c.commit();
            assertThat(ids(server))
                    .describedAs("the insert ran in a new transaction, which committed")
                    .containsExactly(1L, 2L);
        }
    }

    private static Connection openTransactionHoldingRow2(NonRegisteringLibsqlDriver driver, TursoDbServer server)
            throws SQLException {
        Connection c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE k (id INTEGER PRIMARY KEY)");
            s.executeUpdate("INSERT INTO k VALUES (1)");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO k VALUES (2)");
        }
        return c;
    }

    private static void assertLost(SQLException failure, String what) {
        assertThat((Object) failure).describedAs(what).isInstanceOf(SQLTransactionRollbackException.class);
        assertThat(failure.getSQLState()).describedAs(failure.getMessage()).isEqualTo("40000");
        assertThat(failure.getMessage()).contains("no longer inside the transaction");
    }
}
