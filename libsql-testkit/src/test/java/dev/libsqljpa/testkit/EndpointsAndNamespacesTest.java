package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP endpoints, statuses and {@code /dev/<namespace>} databases. */
@ExtendWith(LibsqlServerExtension.class)
class EndpointsAndNamespacesTest {

    private LibsqlTestServer server;
    private RawHrana hrana;

    @BeforeEach
    void setUp(LibsqlTestServer server) {
        this.server = server;
        this.hrana = new RawHrana(server.url());
    }

    @Test
    void probesAnswerLikeSqld() {
        for (String path : new String[] {"/v2", "/v3", "/dev/ns1/v2", "/dev/ns1/v3"}) {
            RawHrana.Response response = hrana.get(path);
            assertThat(response.status()).describedAs(path).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hello, this is HTTP API v2 (Hrana over HTTP)");
        }
        assertThat(hrana.get("/health").status()).isEqualTo(200);
        assertThat(hrana.get("/health").body()).isEmpty();
        assertThat(hrana.get("/version").body()).startsWith("libsql-testkit ");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        for (String path :
                new String[] {"/", "/v1/execute", "/v3-protobuf", "/v4/pipeline", "/dev/ns1", "/dev/ns1/v3/pipeline/x"
                }) {
            RawHrana.Response response = hrana.get(path);
            assertThat(response.status()).describedAs(path).isEqualTo(404);
            assertThat(response.json().get("error").asText()).startsWith("Not found");
        }
        assertThat(hrana.get("/v3/pipeline").status()).isEqualTo(405);
        assertThat(hrana.get("/v3/cursor").status()).isEqualTo(405);
        assertThat(hrana.post("/v3", "{}").status()).isEqualTo(405);
        assertThat(hrana.post("/health", "").status()).isEqualTo(405);
    }

    @Test
    void eachNamespaceIsItsOwnDatabase() {
        RawHrana a = new RawHrana(server.url("tenant-a"));
        RawHrana b = new RawHrana(server.url("tenant_b"));
        assertThat(a.v3(null, execute("CREATE TABLE only_a (x)"), execute("INSERT INTO only_a VALUES (1)"), close())
                        .status())
                .isEqualTo(200);

        assertThat(b.v3(null, execute("SELECT * FROM only_a"), close())
                        .error(0)
                        .get("message")
                        .asText())
                .contains("no such table");
        assertThat(hrana.v2(null, execute("SELECT * FROM only_a"), close())
                        .error(0)
                        .get("message")
                        .asText())
                .describedAs("the default namespace")
                .contains("no such table");
        assertThat(a.column("SELECT x FROM only_a")).containsExactly("1");
        assertThat(server.databaseFile("tenant-a")).isNotEqualTo(server.databaseFile());
    }

    @Test
    void batonOfOneNamespaceIsInvalidInAnother() {
        String baton =
                new RawHrana(server.url("one")).v3(null, execute("SELECT 1")).baton();

        RawHrana.Response response = new RawHrana(server.url("two")).v3(baton, execute("SELECT 1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Received an invalid baton");
    }

    @Test
    void badNamespaceNamesAreRejectedClearly() {
        for (String path : new String[] {
            "/dev/evil.com/v3/pipeline",
            "/dev/a%2Fb/v3/pipeline",
            "/dev//v3/pipeline",
            "/dev/-x/v3/pipeline",
            "/dev/" + "n".repeat(64) + "/v3/pipeline"
        }) {
            RawHrana.Response response = hrana.post(path, RawHrana.pipelineBody(null, execute("SELECT 1")));
            assertThat(response.status()).describedAs(path).isEqualTo(400);
            assertThat(response.json().get("error").asText()).startsWith("Invalid namespace name");
        }
        assertThat(hrana.post("/dev/evil.com/x/v3/pipeline", "{}").status()).isEqualTo(400);
    }
}
