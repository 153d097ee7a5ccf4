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
}
