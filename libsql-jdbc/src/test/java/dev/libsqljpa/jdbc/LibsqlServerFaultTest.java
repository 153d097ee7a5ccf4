package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server restarts and crashes (testkit fault hooks): clear errors, no lost or half-applied commit. */
class LibsqlServerFaultTest {
    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private LibsqlTestServer server;
    private NonRegisteringLibsqlDriver driver;

    @BeforeEach
    void setUp(LibsqlTestServer server) throws SQLException {
        this.server = server;
        driver = new NonRegisteringLibsqlDriver();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)");
        }
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private Connection connect() throws SQLException {
        return driver.connect("jdbc:libsql:" + server.url(), new Properties());
    }

    private String ids() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT group_concat(id) FROM (SELECT id FROM items ORDER BY id)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void restartOutsideATransactionIsInvisible() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO items VALUES (1)");
            server.restart();
            s.executeUpdate("INSERT INTO items VALUES (2)");
        }
        assertThat(ids()).isEqualTo("1,2");
    }

    @Test
    void restartDuringATransactionThatWroteRollsItBackVisibly() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO items VALUES (1)");
            server.restart();
            SQLException e =
                    catchThrowableOfType(SQLException.class, () -> s.executeUpdate("INSERT INTO items VALUES (2)"));
            assertThat((Object) e).isInstanceOf(SQLTransactionRollbackException.class);
            assertThat(e.getSQLState()).isEqualTo("40000");
            assertThat(e.getMessage()).contains("server rolled back");
            c.rollback();
            s.executeUpdate("INSERT INTO items VALUES (3)");
            c.commit();
        }
        assertThat(ids()).isEqualTo("3");
    }

    @Test
    void aLostStreamThatWasSwallowedIsTheCauseOfTheLaterTransactionErrors() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO items VALUES (1)");
            server.restart(); // the server forgets the stream: its baton is now refused
            SQLException first =
                    catchThrowableOfType(SQLException.class, () -> s.executeUpdate("INSERT INTO items VALUES (2)"));
            assertThat(first.getMessage()).contains("the server no longer knows the stream");
            // The application (Liquibase's snapshot, for one) catches that and goes on.

            SQLException later = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT 1"));
            assertThat((Object) later).isInstanceOf(SQLTransactionRollbackException.class);
            assertThat(later.getMessage()).startsWith("the transaction cannot continue");
            assertThat(later.getCause())
                    .describedAs("the failure that aborted the transaction")
                    .isSameAs(first);
            assertThat(first.getCause())
                    .describedAs("what the server answered")
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("Received an invalid baton");
            SQLException atCommit = catchThrowableOfType(SQLException.class, c::commit);
            assertThat(atCommit.getCause()).isSameAs(first);
            c.rollback();
            s.executeUpdate("INSERT INTO items VALUES (3)");
            c.commit();
        }
        assertThat(ids()).isEqualTo("3");
    }

    @Test
    void crashDuringCommitReportsAnUnknownOutcomeAndNothingIsHalfApplied() throws SQLException {
        Connection c = connect();
        Statement s = c.createStatement();
        c.setAutoCommit(false);
        s.executeUpdate("INSERT INTO items VALUES (1)");
        s.executeUpdate("INSERT INTO items VALUES (2)");
        server.haltAfterStatements(1); // COMMIT runs, then the server dies without answering
        SQLException e = catchThrowableOfType(SQLException.class, c::commit);
        assertThat((Object) e).isNotNull();
        assertThat(e.getSQLState()).describedAs(e.getMessage()).isEqualTo("08007");
        SQLException next =
                catchThrowableOfType(SQLException.class, () -> s.executeUpdate("INSERT INTO items VALUES (3)"));
        assertThat((Object) next).isInstanceOf(SQLTransactionRollbackException.class);
        assertThat(next.getMessage()).contains("outcome is unknown");
        server.restart();
        c.rollback();
        assertThat(ids()).describedAs("the commit is all or nothing").isIn("1,2", null);
        String before = ids();
        s.executeUpdate("INSERT INTO items VALUES (3)");
        c.commit();
        c.close();
        assertThat(ids())
                .describedAs("the connection works after rollback()")
                .isEqualTo(before == null ? "3" : before + ",3");
    }
}
