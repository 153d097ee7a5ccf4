package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static dev.libsqljpa.testkit.RawHrana.integer;
import static dev.libsqljpa.testkit.RawHrana.simple;
import static dev.libsqljpa.testkit.RawHrana.storeSql;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streams, single-use signed batons, close-last, one connection per stream, counters. */
class StreamsAndBatonsTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private LibsqlTestServer server;
    private RawHrana hrana;

    @BeforeEach
    void setUp(LibsqlTestServer server) {
        this.server = server;
        this.hrana = new RawHrana(server.url());
        assertThat(hrana.v3(null, execute("CREATE TABLE t (x)"), close()).status())
                .isEqualTo(200);
        server.counters().reset();
    }

    @Test
    void eachResponseCarriesANewBatonAndOnlyTheLatestWorks() {
        RawHrana.Response first = hrana.v3(null, execute("BEGIN"), execute("INSERT INTO t VALUES (1)"));
        String baton1 = first.baton();
        RawHrana.Response second = hrana.v3(baton1, execute("INSERT INTO t VALUES (2)"));
        String baton2 = second.baton();

        assertThat(baton1).isNotNull().isNotEqualTo(baton2);
        assertThat(baton2).doesNotContain("=").describedAs("unpadded base64").hasSize(64);
        RawHrana.Response reused = hrana.v3(baton1, execute("SELECT 1"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.contentType()).startsWith("text/plain");
        assertThat(reused.body()).isEqualTo("Received a baton that has already been used");
        RawHrana.Response afterReuse = hrana.v3(baton2, execute("SELECT 1"));
        assertThat(afterReuse.status())
                .describedAs("a 400 to a request with a baton ends the stream")
                .isEqualTo(400);
        assertThat(hrana.column("SELECT x FROM t"))
                .describedAs("its transaction was rolled back")
                .isEmpty();
        assertThat(server.counters().openStreams()).isZero();
    }

    @Test
    void forgedAndGarbageBatonsAreInvalid() {
        String baton = hrana.v3(null, execute("SELECT 1")).baton();
        byte[] bytes = Base64.getDecoder().decode(baton);
        bytes[3] ^= 1;
        String forged = Base64.getEncoder().withoutPadding().encodeToString(bytes);

        for (String bad : new String[] {forged, "garbage", "", "AAAA"}) {
            RawHrana.Response response = hrana.v3(bad, execute("SELECT 1"));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Received an invalid baton");
        }
        assertThat(hrana.v3(baton, execute("SELECT 1"), close()).status())
                .describedAs("forgeries do not touch the real stream")
                .isEqualTo(200);
    }

    @Test
    void closeEndsTheStreamWithANullBaton() {
        RawHrana.Response response = hrana.v3(null, execute("SELECT 1"), close());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.baton()).isNull();
        assertThat(response.json().get("base_url").isNull()).isTrue();
        assertThat(response.result(1).toString()).isEqualTo("{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}");
        assertThat(server.counters().streamsOpened()).isEqualTo(1);
        assertThat(server.counters().streamsClosed()).isEqualTo(1);
        assertThat(server.counters().openStreams()).isZero();
    }

    @Test
    void anyRequestAfterCloseFailsThePipelineWith400() {
        String baton = hrana.v3(null, execute("BEGIN"), execute("INSERT INTO t VALUES (1)"))
                .baton();

        for (var late :
                new JsonNode[] {execute("COMMIT"), storeSql(1, "SELECT 1"), close(), simple("get_autocommit")}) {
            String fresh = hrana.v3(null, execute("SELECT 1")).baton();
            RawHrana.Response response = hrana.v3(fresh, close(), late);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Stream for this baton was closed");
        }
        RawHrana.Response commitAfterClose = hrana.v3(baton, execute("SELECT 1"), close(), execute("COMMIT"));
        assertThat(commitAfterClose.status()).isEqualTo(400);
        assertThat(hrana.column("SELECT x FROM t"))
                .describedAs("the COMMIT after close did not run")
                .isEmpty();
        assertThat(server.counters().openStreams()).isZero();
    }

    @Test
    void transactionsSpanPipelinesOfOneStream() {
        String baton = hrana.v3(null, execute("BEGIN"), execute("INSERT INTO t VALUES (?)", integer(7)))
                .baton();
        assertThat(hrana.column("SELECT count(*) FROM t"))
                .describedAs("not visible to another stream")
                .containsExactly("0");

        RawHrana.Response commit =
                hrana.v3(baton, simple("get_autocommit"), execute("COMMIT"), simple("get_autocommit"), close());

        assertThat(commit.result(0).get("response").get("is_autocommit").asBoolean())
                .isFalse();
        assertThat(commit.result(2).get("response").get("is_autocommit").asBoolean())
                .isTrue();
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("7");
    }

    @Test
    void eachStreamHasItsOwnConnection() {
        String baton = hrana.v3(null, execute("INSERT INTO t VALUES (1)"), execute("CREATE TEMP TABLE mine (y)"))
                .baton();

        RawHrana.Response other =
                hrana.v3(null, execute("SELECT last_insert_rowid()"), execute("SELECT * FROM mine"), close());
        assertThat(other.ok(0).get("rows").get(0).get(0).get("value").asText()).isEqualTo("0");
        assertThat(other.error(1).get("message").asText()).contains("no such table: mine");
        RawHrana.Response same =
                hrana.v3(baton, execute("SELECT last_insert_rowid()"), execute("SELECT * FROM mine"), close());
        assertThat(same.ok(0).get("rows").get(0).get(0).get("value").asText()).isEqualTo("1");
        assertThat(same.ok(1).get("rows")).isEmpty();
    }

    @Test
    void restartInvalidatesEveryBatonAndKeepsCommittedData() {
        hrana.v3(null, execute("INSERT INTO t VALUES (1)"), close());
        String baton = hrana.v3(null, execute("BEGIN"), execute("INSERT INTO t VALUES (2)"))
                .baton();
        int port = server.port();

        server.restart();

        assertThat(server.port()).isEqualTo(port);
        RawHrana.Response response = hrana.v3(baton, execute("COMMIT"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Received an invalid baton");
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("1");
    }

    @Test
    void countersCountRoundTripsPerServerAndNamespace() {
        hrana.v3(null, execute("SELECT 1"), close());
        String baton = new RawHrana(server.url("tenant1"))
                .v2(null, execute("SELECT 1"))
                .baton();
        new RawHrana(server.url("tenant1")).v2(baton, close());
        hrana.get("/v3");

        ServerCounters counters = server.counters();
        assertThat(counters.httpRequests()).isEqualTo(4);
        assertThat(counters.pipelineRequests()).isEqualTo(3);
        assertThat(counters.streamsOpened()).isEqualTo(2);
        assertThat(counters.streamsClosed()).isEqualTo(2);
        assertThat(counters.statementsExecuted()).isEqualTo(2);
        assertThat(counters.namespace("tenant1").pipelineRequests()).isEqualTo(2);
        assertThat(counters.namespace("tenant1").streamsOpened()).isEqualTo(1);
        assertThat(counters.namespace("default").pipelineRequests()).isEqualTo(1);
        assertThat(counters.namespace("never-used").pipelineRequests()).isZero();
        counters.reset();
        assertThat(counters.httpRequests()).isZero();
        assertThat(counters.namespace("tenant1").streamsOpened()).isZero();
    }
}
