package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.jdbc.internal.LibsqlConnectionImpl;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another server family behind a URL the driver already knows: a full Hrana 3 server (the testkit) is
 * replaced by tursodb on the same port, as when sqld is swapped for tursodb or a test server's port is
 * reused. The driver detected the server once per endpoint; the 404 of the old pipeline path must make it
 * detect again instead of failing every later connection.
 */
class TursoDbServerSwapTest {
    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    @TempDir
    Path dir;

    @Test
    void aServerOfAnotherFamilyOnTheSameUrlIsDetectedAgainAfterOneFailedStatement(TursoDbServer server)
            throws SQLException {
        int port = server.port();
        String url = "jdbc:libsql:http://127.0.0.1:" + port;
        server.stop();
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            LibsqlTestServer testkit = LibsqlTestServer.builder()
                    .port(port)
                    .databaseFile(dir.resolve("before.db"))
                    .start();
            try (Connection c = driver.connect(url, new Properties())) {
                assertThat(kind(c)).isEqualTo(ServerKind.FULL_V3);
                assertThat(selectSeven(c)).isEqualTo(7);
            } finally {
                testkit.stop();
            }
            server.restart();

            try (Connection stale = driver.connect(url, new Properties())) {
                assertThat(kind(stale))
                        .describedAs("the endpoint still holds the kind it detected before the swap")
                        .isEqualTo(ServerKind.FULL_V3);
                SQLException e = catchThrowableOfType(SQLException.class, () -> selectSeven(stale));
                assertThat((Object) e).isNotNull();
                assertThat(e.getMessage()).contains("/v3/pipeline").contains("404");
            }

            try (Connection c = driver.connect(url, new Properties())) {
                assertThat(kind(c)).isEqualTo(ServerKind.MINIMAL);
                assertThat(selectSeven(c)).isEqualTo(7);
                assertThat(c.getMetaData().getDatabaseProductVersion()).isNotBlank();
            }
        }
    }

    private static ServerKind kind(Connection c) throws SQLException {
        return c.unwrap(LibsqlConnectionImpl.class).serverKind();
    }

    private static int selectSeven(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 7")) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
