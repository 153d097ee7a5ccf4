package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.jdbc.internal.LibsqlConnectionImpl;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tursodb runs all clients on one engine connection: the driver must serialise transactions
 * instead of letting another connection's statements run inside them.
 */
class TursoDbSharedConnectionTest {
    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    @Test
    void aSecondConnectionWaitsForTheOpenTransactionInsteadOfJoiningIt(TursoDbServer server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("sharedConnectionLockTimeout", "1");
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection a = driver.connect("jdbc:libsql:" + server.url(), properties);
                Connection b = driver.connect("jdbc:libsql:" + server.url(), properties)) {
            assertThat(a.unwrap(LibsqlConnectionImpl.class).serverKind()).isEqualTo(ServerKind.MINIMAL);
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE shared (id INTEGER PRIMARY KEY)");
            }
            a.setAutoCommit(false);
            try (Statement s = a.createStatement()) {
                s.executeUpdate("INSERT INTO shared VALUES (1)");
            }
            SQLTransientException blocked = catchThrowableOfType(SQLTransientException.class, () -> {
                try (Statement s = b.createStatement()) {
                    s.executeUpdate("INSERT INTO shared VALUES (2)");
                }
            });
            assertThat((Object) blocked).isNotNull();
            assertThat(blocked.getMessage()).contains("one engine connection shared by all clients");
            a.rollback();
            try (Statement s = b.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO shared VALUES (2)")).isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT group_concat(id) FROM shared")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1))
                            .describedAs("a's row was rolled back, b's was not swallowed")
                            .isEqualTo("2");
                }
            }
        }
    }

    @Test
    void closingAConnectionMidTransactionRollsBackAndFreesTheServer(TursoDbServer server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("sharedConnectionLockTimeout", "2");
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            String url = "jdbc:libsql:" + server.url();
            try (Connection setup = driver.connect(url, properties);
                    Statement s = setup.createStatement()) {
                s.execute("CREATE TABLE closing (id INTEGER PRIMARY KEY)");
            }
            Connection abandoned = driver.connect(url, properties);
            abandoned.setAutoCommit(false);
            try (Statement s = abandoned.createStatement()) {
                s.executeUpdate("INSERT INTO closing VALUES (1)");
            }
            abandoned.close();
            try (Connection next = driver.connect(url, properties);
                    Statement s = next.createStatement()) {
                next.setAutoCommit(false);
                s.executeUpdate("INSERT INTO closing VALUES (2)");
                next.commit();
                try (ResultSet rs = s.executeQuery("SELECT group_concat(id) FROM closing")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("2");
                }
                next.setAutoCommit(true);
            }
        }
    }

    private static Properties holdLimitOneSecond() {
        Properties properties = new Properties();
        properties.setProperty("sharedConnectionHoldLimit", "1");
        properties.setProperty("sharedConnectionLockTimeout", "20");
        return properties;
    }

    private static String ids(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT group_concat(id) FROM " + table)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /**
     * Like sqld's write-lock timeout: a transaction left open by its owner is rolled back once it has
     * held the shared server for the hold limit while another connection waits; the waiter proceeds
     * and the owner's next call fails with 40000 until rollback().
     */
    @Test
    void anAbandonedTransactionIsRolledBackAfterTheHoldLimitAndTheWaiterProceeds(TursoDbServer server)
            throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection a = driver.connect("jdbc:libsql:" + server.url(), holdLimitOneSecond());
                Connection b = driver.connect("jdbc:libsql:" + server.url(), holdLimitOneSecond())) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE abandoned (id INTEGER PRIMARY KEY)");
            }
            a.setAutoCommit(false);
            try (Statement s = a.createStatement()) {
                s.executeUpdate("INSERT INTO abandoned VALUES (1)");
            }
            try (Statement s = b.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO abandoned VALUES (2)"))
                        .describedAs("b waits for the hold limit, then proceeds")
                        .isEqualTo(1);
            }
            assertThat(ids(b, "abandoned"))
                    .describedAs("a's uncommitted row was rolled back on the server, b's row is committed")
                    .isEqualTo("2");
            SQLTransactionRollbackException next = catchThrowableOfType(
                    SQLTransactionRollbackException.class,
                    () -> a.createStatement().executeUpdate("INSERT INTO abandoned VALUES (3)"));
            assertThat((Object) next)
                    .describedAs("the abandoned owner's next statement")
                    .isNotNull();
            assertThat(next.getSQLState()).isEqualTo("40000");
            assertThat(next.getMessage()).contains("sharedConnectionHoldLimit", "rollback()");
            SQLTransactionRollbackException commit =
                    catchThrowableOfType(SQLTransactionRollbackException.class, a::commit);
            assertThat((Object) commit)
                    .describedAs("commit of the taken-over transaction")
                    .isNotNull();
            assertThat(commit.getSQLState()).isEqualTo("40000");
            a.rollback();
            try (Statement s = a.createStatement()) {
                s.executeUpdate("INSERT INTO abandoned VALUES (4)");
            }
            a.commit();
            assertThat(ids(b, "abandoned"))
                    .describedAs("a works again after rollback()")
                    .isEqualTo("2,4");
        }
    }

    /**
     * The owner's rollback() after the take-over must not send a ROLLBACK: the shared engine connection
     * now holds the new owner's transaction.
     */
    @Test
    void theTakenOverOwnersRollbackDoesNotEndTheNewOwnersTransaction(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection a = driver.connect("jdbc:libsql:" + server.url(), holdLimitOneSecond());
                Connection b = driver.connect("jdbc:libsql:" + server.url(), holdLimitOneSecond())) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE takeover (id INTEGER PRIMARY KEY)");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement s = a.createStatement()) {
                s.executeUpdate("INSERT INTO takeover VALUES (1)");
            }
            try (Statement s = b.createStatement()) {
                s.executeUpdate("INSERT INTO takeover VALUES (2)");
            }
            a.rollback();
            a.close();
            b.commit();
            b.setAutoCommit(true);
            assertThat(ids(b, "takeover"))
                    .describedAs("b's transaction survived a's rollback() and close()")
                    .isEqualTo("2");
        }
    }
}
