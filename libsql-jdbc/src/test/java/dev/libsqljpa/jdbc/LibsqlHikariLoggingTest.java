package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.libsqljpa.jdbc.logcapture.CapturingSlf4jProvider;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HikariCP logs its whole configuration at DEBUG, including the data-source properties, and masks only
 * {@code password}. The token given as {@code password} (the documented way) never appears; given as
 * {@code authToken} it would.
 */
class LibsqlHikariLoggingTest {
    private static final String TOKEN = "hikari-s3cret-t0ken";

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perClass().configure(b -> b.authToken(TOKEN));

    private static List<String> runPool(LibsqlTestServer server, String tokenProperty) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("libsql-" + tokenProperty);
        config.setDataSourceClassName(LibsqlDataSource.class.getName());
        config.addDataSourceProperty("url", "jdbc:libsql:" + server.url());
        config.addDataSourceProperty(tokenProperty, TOKEN);
        config.setMaximumPoolSize(1);
        CapturingSlf4jProvider.capture();
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).describedAs("the token reached the server").isTrue();
        } finally {
            CapturingSlf4jProvider.stop();
        }
        return CapturingSlf4jProvider.stop();
    }

    @Test
    void tokenAsPasswordNeverAppearsInHikariDebugOutput(LibsqlTestServer server) throws SQLException {
        List<String> log = runPool(server, "password");
        assertThat(log)
                .describedAs("Hikari dumped its configuration at DEBUG")
                .anyMatch(line -> line.startsWith("DEBUG") && line.contains("dataSourceProperties"));
        assertThat(String.join("\n", log)).doesNotContain(TOKEN);
    }

    @Test
    void tokenAsAuthTokenWouldLeakWhichIsWhyPasswordIsTheDocumentedWay(LibsqlTestServer server) throws SQLException {
        List<String> log = runPool(server, "authToken");
        assertThat(String.join("\n", log))
                .describedAs("Hikari masks only 'password'")
                .contains(TOKEN);
    }
}
