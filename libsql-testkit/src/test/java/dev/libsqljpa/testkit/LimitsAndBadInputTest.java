package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static dev.libsqljpa.testkit.RawHrana.integer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Limits (429, 413), authentication (401) and bad input: clear answers, the server and the database survive. */
class LimitsAndBadInputTest {

    private LibsqlTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private RawHrana start(LibsqlTestServer.Builder builder) {
        server = builder.start();
        RawHrana hrana = new RawHrana(server.url(), server.config().authToken());
        assertThat(hrana.v3(null, execute("CREATE TABLE t (x)"), execute("INSERT INTO t VALUES (1)"), close())
                        .status())
                .isEqualTo(200);
        return hrana;
    }

    @Test
    void tooManyOpenStreamsIs429() {
        RawHrana hrana = start(LibsqlTestServer.builder().maxOpenStreams(2));
        String first = hrana.v3(null, execute("SELECT 1")).baton();
        hrana.v3(null, execute("SELECT 1"));

        RawHrana.Response third = hrana.v3(null, execute("SELECT 1"), close());

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("error").asText()).contains("Too many open streams");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        hrana.v3(first, close());
        assertThat(hrana.v3(null, execute("SELECT 1"), close()).status())
                .describedAs("a slot is free again")
                .isEqualTo(200);
    }

    @Test
    void tooManyRequestsInFlightIs429() throws Exception {
        ManualClock clock = new ManualClock();
        RawHrana hrana = start(LibsqlTestServer.builder().maxInFlightRequests(1).clock(clock));
        String holder = hrana.v3(null, execute("BEGIN IMMEDIATE")).baton();
        CompletableFuture<RawHrana.Response> waiting =
                hrana.v3Async(null, execute("BEGIN IMMEDIATE"), execute("ROLLBACK"), close());
        Await.until("the first request is in flight", () -> server.counters().waitingWriters() == 1);

        RawHrana.Response rejected = hrana.v3(holder, execute("ROLLBACK"), close());

        assertThat(rejected.status()).isEqualTo(429);
        assertThat(rejected.json().get("error").asText()).isEqualTo("Too many concurrent requests");
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(waiting).isNotDone();
        clock.advance(Duration.ofSeconds(5));
        assertThat(waiting.get(10, TimeUnit.SECONDS).status())
                .describedAs("took the lock of the timed-out holder")
                .isEqualTo(200);
        assertThat(hrana.v3(null, execute("SELECT 1"), close()).status()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitIs413() {
        RawHrana hrana = start(LibsqlTestServer.builder().maxBodyBytes(1000));

        RawHrana.Response response = hrana.v3(null, execute("SELECT ?", RawHrana.text("x".repeat(2000))));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("error").asText()).contains("limit is 1000 bytes");
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("1");
    }

    @Test
    void resultOverTheResponseLimitIsAnInBandError() {
        RawHrana hrana = start(LibsqlTestServer.builder().maxResponseBytes(10_000));

        RawHrana.Response response = hrana.v3(
                null,
                execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                        + "SELECT i, 'some text' FROM n"),
                execute("SELECT count(*) FROM t"),
                close());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.error(0).toString())
                .isEqualTo("{\"message\":\"Response is too large\",\"code\":\"RESPONSE_TOO_LARGE\"}");
        assertThat(response.ok(1).get("rows")).hasSize(1);
    }

    @Test
    void missingOrWrongTokenIs401WithoutEchoingIt() {
        RawHrana hrana = start(LibsqlTestServer.builder().authToken("right-token-123"));

        for (RawHrana client : new RawHrana[] {hrana.withToken(null), hrana.withToken("wrong-token-456")}) {
            RawHrana.Response response = client.v3(null, execute("DELETE FROM t"), close());
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("error").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain("right-token-123").doesNotContain("wrong-token-456");
        }
        RawHrana.Response basic = hrana.withToken(null)
                .postWithHeader("/v3/pipeline", "{}", "Authorization", "Basic cmlnaHQtdG9rZW4tMTIz");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().get("error").asText()).contains("Bearer");
        assertThat(hrana.get("/v3").status())
                .describedAs("probes need no token, as on sqld")
                .isEqualTo(200);
        assertThat(server.toString()).doesNotContain("right-token-123");
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("1");
    }

    @Test
    void badJsonIs400TextAndHarmless() {
        RawHrana hrana = start(LibsqlTestServer.builder());
        String[] bodies = {
            "",
            "{",
            "not json",
            "[]",
            "{\"requests\": 5}",
            "{\"baton\": 5, \"requests\": []}",
            "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"DELETE FROM t\","
                    + "\"args\":[{\"type\":\"integer\",\"value\":1}]}}]}",
            "{\"baton\":null,\"requests\":[{\"type\":\"explode\"}]}",
            "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":5}}]}",
            "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"DELETE FROM t\",\"want_rows\":\"yes\"}}]}",
            "{\"baton\":null,\"requests\":[{\"type\":\"batch\",\"batch\":{\"steps\":[{\"condition\":{\"type\":\"maybe\"},"
                    + "\"stmt\":{\"sql\":\"DELETE FROM t\"}}]}}]}",
            "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"DELETE FROM t\","
                    + "\"args\":[{\"type\":\"blob\",\"base64\":\"***\"}]}}]}",
            "{\"baton\":null,\"requests\":[{\"type\":\"store_sql\",\"sql_id\":\"1\",\"sql\":\"x\"}]}",
            "{\"baton\":null,\"requests\":[]} trailing",
            "[".repeat(10_000),
        };
        for (String body : bodies) {
            RawHrana.Response response = hrana.post("/v3/pipeline", body);
            assertThat(response.status()).describedAs(body).isEqualTo(400);
            assertThat(response.contentType()).startsWith("text/plain");
            assertThat(response.body()).startsWith("Cannot deserialize client message from JSON");
        }
        assertThat(server.counters().openStreams()).isZero();
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("1");
        assertThat(hrana.column("PRAGMA integrity_check")).containsExactly("ok");
    }

    @Test
    void badJsonWithAValidBatonEndsThatStream() {
        RawHrana hrana = start(LibsqlTestServer.builder());
        String baton =
                hrana.v3(null, execute("BEGIN"), execute("DELETE FROM t")).baton();

        RawHrana.Response response =
                hrana.post("/v3/pipeline", "{\"baton\":\"" + baton + "\",\"requests\":[{\"type\":1}]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(hrana.v3(baton, execute("COMMIT")).status()).isEqualTo(400);
        assertThat(hrana.column("SELECT x FROM t"))
                .describedAs("the delete was rolled back")
                .containsExactly("1");
    }

    @Test
    void writeLockTimeoutWorksWithTheRealClock() throws Exception {
        RawHrana hrana = start(LibsqlTestServer.builder().writeLockTimeout(Duration.ofMillis(200)));
        String holder = hrana.v3(null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (?)", integer(2)))
                .baton();

        RawHrana.Response writer = hrana.v3Async(null, execute("INSERT INTO t VALUES (3)"), close())
                .get(10, TimeUnit.SECONDS);

        assertThat(writer.result(0).get("type").asText()).isEqualTo("ok");
        assertThat(hrana.v3(holder, execute("COMMIT"), close())
                        .error(0)
                        .get("code")
                        .asText())
                .isEqualTo("TRANSACTION_TIMEOUT");
        assertThat(hrana.column("SELECT x FROM t ORDER BY x")).containsExactly("1", "3");
    }
}
