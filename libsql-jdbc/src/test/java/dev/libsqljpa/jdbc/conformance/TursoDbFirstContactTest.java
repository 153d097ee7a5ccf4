package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.jdbc.internal.LibsqlConnectionImpl;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.proxy.ProxiedRequest;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first contact with a tursodb the driver has never seen (through a recording proxy on a fresh
 * port, so no per-endpoint cache knows it): detection, the engine version and the first query.
 */
class TursoDbFirstContactTest {
    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perClass();

    @Test
    void firstQueryOnAFreshEndpointTakesThreeRequestsAndTheVersionNone(TursoDbServer server) throws SQLException {
        List<ProxiedRequest> seen = new CopyOnWriteArrayList<>();
        try (HttpFaultProxy proxy = HttpFaultProxy.start(URI.create(server.url()));
                NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            proxy.failWhen(
                    request -> {
                        seen.add(request);
                        return false; // record only
                    },
                    Fault.DROP_AFTER_FORWARD,
                    Integer.MAX_VALUE);
            String version;
            String queried;
            try (Connection c = driver.connect("jdbc:libsql:" + proxy.uri(), new Properties())) {
                assertThat(c.unwrap(LibsqlConnectionImpl.class).serverKind()).isEqualTo(ServerKind.MINIMAL);
                version = c.getMetaData().getDatabaseProductVersion();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select sqlite_version() as v")) {
                    assertThat(rs.next()).isTrue();
                    queried = rs.getString(1);
                }
            }

            assertThat(queried).isEqualTo(version);
            assertThat(proxy.requests())
                    .describedAs("requests from connect to the first answer: %s", seen)
                    .isEqualTo(3);
            assertThat(seen)
                    .extracting(r -> r.method() + " " + r.path())
                    .containsExactly("POST /v3/pipeline", "POST /v2/pipeline", "POST /v2/pipeline");
            assertThat(seen.get(1).bodyText())
                    .describedAs("the Hrana 2 probe reads the version")
                    .contains("select sqlite_version()")
                    .doesNotContain("\"close\"");
            assertThat(seen.get(2).bodyText()).describedAs("the query").contains("select sqlite_version() as v");
            assertThat(seen)
                    .describedAs("tursodb fails a whole pipeline holding a close")
                    .noneMatch(r -> r.path().equals("/v2/pipeline") && r.bodyContains("\"close\""));
        }
    }
}
