package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Disabled;
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
     * tursodb has no streams or batons, so after a restart the driver cannot see that its transaction
     * is gone: today the next statement of the dead transaction runs in autocommit on the new process and
     * is committed at once (row 4 appears), although the application is still "in a transaction". The
     * correct behaviour: after a failure that may have lost a minimal server's transaction (connect
     * failure inside it), the transaction is aborted (40000 until rollback), or every in-transaction step
     * is gated on {@code not is_autocommit} (tursodb evaluates that condition on /v2) and a skipped step
     * reports the lost transaction.
     */
    @Disabled("needs the transaction state machine of branch session (minimal servers: abort the "
            + "transaction after a connect failure inside it)")
    @Test
    void deadTransactionNeverWritesInAutocommitAfterTheRestart(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            Connection c = killMidTransaction(driver, server);
            SQLException afterRestart = catchThrowableOfType(
                    SQLException.class, () -> c.createStatement().executeUpdate("INSERT INTO k VALUES (4)"));
            assertThat((Object) afterRestart)
                    .describedAs("a statement of the dead transaction")
                    .isNotNull();
            assertThat(afterRestart.getSQLState()).startsWith("40");
            assertThat(ids(server))
                    .describedAs("nothing of the dead transaction is committed")
                    .containsExactly(1L);
            c.rollback();
            c.close();
        }
    }
}
