package dev.libsqljpa.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFaultProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LibsqlTestServer server;
    private HttpFaultProxy proxy;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = LibsqlTestServer.builder().start();
        proxy = HttpFaultProxy.start(server.uri());
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        direct("CREATE TABLE t (x INTEGER)");
        server.counters().reset();
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    private static String pipeline(String sql) {
        return "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"" + sql
                + "\"}},{\"type\":\"close\"}]}";
    }

    private HttpResponse<String> post(URI base, String sql, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v3/pipeline"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pipeline(sql)));
        if (timeout != null) {
            b.timeout(timeout);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> viaProxy(String sql) throws IOException, InterruptedException {
        return post(proxy.uri(), sql, Duration.ofSeconds(10));
    }

    private JsonNode direct(String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = post(server.uri(), sql, Duration.ofSeconds(10));
        assertThat(r.statusCode()).describedAs("direct %s: %s", sql, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private long rowsOnServer() throws IOException, InterruptedException {
        return direct("SELECT count(*) FROM t")
                .get("results")
                .get(0)
                .get("response")
                .get("result")
                .get("rows")
                .get(0)
                .get(0)
                .get("value")
                .asLong();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void forwardsOverOneKeepAliveConnectionAndCountsExactBytes() throws Exception {
        byte[] body = pipeline("INSERT INTO t VALUES (1)").getBytes(StandardCharsets.UTF_8);
        String head = "POST /v3/pipeline HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + "Content-Length: "
                + body.length + "\r\n\r\n";
        byte[] request = concat(head.getBytes(StandardCharsets.ISO_8859_1), body);
        long received = 0;
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write(request);
                out.flush();
                RawAnswer answer = RawAnswer.read(in);
                assertThat(answer.status())
                        .describedAs("answer %d: %s", i, answer.body())
                        .isEqualTo(200);
                assertThat(answer.head())
                        .describedAs("keep-alive towards the client")
                        .contains("Connection: keep-alive");
                received += answer.wireBytes();
            }
        }
        assertThat(proxy.requests()).isEqualTo(2);
        assertThat(proxy.connections()).isEqualTo(1);
        assertThat(proxy.forwarded()).isEqualTo(2);
        assertThat(proxy.bytesUp()).isEqualTo(2L * request.length);
        assertThat(proxy.bytesDown()).isEqualTo(received);
        assertThat(server.counters().httpRequests()).isEqualTo(2);
        assertThat(rowsOnServer()).isEqualTo(2);
    }

    @Test
    void jdkClientReusesOneConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(200);
        }
        assertThat(proxy.requests()).isEqualTo(3);
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void resetZeroesCountersButKeepsFaults() throws Exception {
        viaProxy("SELECT 1");
        proxy.failNext(Fault.HTTP_503);
        proxy.reset();
        assertThat(proxy.requests()).isZero();
        assertThat(proxy.connections()).isZero();
        assertThat(proxy.bytesUp()).isZero();
        assertThat(proxy.bytesDown()).isZero();
        assertThat(proxy.forwarded()).isZero();
        assertThat(proxy.pendingFaults()).isEqualTo(1);
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(503);
        assertThat(proxy.faultsInjected()).isEqualTo(1);
        assertThat(proxy.pendingFaults()).isZero();
    }

    @Test
    void dropBeforeForwardClosesWithoutReachingTheServer() throws Exception {
        proxy.failNext(Fault.DROP_BEFORE_FORWARD);
        assertThatThrownBy(() -> viaProxy("INSERT INTO t VALUES (1)")).isInstanceOf(IOException.class);
        assertThat(proxy.requests()).isEqualTo(1);
        assertThat(proxy.forwarded()).isZero();
        assertThat(server.counters().httpRequests()).isZero();
        assertThat(rowsOnServer()).isZero();
    }

    @Test
    void dropAfterForwardLosesTheAnswerOfAProcessedRequest() throws Exception {
        proxy.failNext(Fault.DROP_AFTER_FORWARD);
        assertThatThrownBy(() -> viaProxy("INSERT INTO t VALUES (1)")).isInstanceOf(IOException.class);
        assertThat(proxy.forwarded()).isEqualTo(1);
        assertThat(rowsOnServer()).describedAs("the server processed it").isEqualTo(1);
    }

    @Test
    void resetSendsTcpRstWithoutForwarding() throws Exception {
        proxy.failNext(Fault.RESET);
        byte[] body = pipeline("INSERT INTO t VALUES (1)").getBytes(StandardCharsets.UTF_8);
        byte[] request = concat(
                ("POST /v3/pipeline HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                body);
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            assertThatThrownBy(() -> s.getInputStream().read())
                    .describedAs("an RST, not an orderly end of stream")
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("reset");
        }
        assertThat(proxy.forwarded()).isZero();
        assertThat(rowsOnServer()).isZero();
    }

    @Test
    void statusFaultsAnswerWithoutForwarding() throws Exception {
        proxy.failNext(Fault.HTTP_500_HTML)
                .failNext(Fault.HTTP_502)
                .failNext(Fault.HTTP_503)
                .failNext(Fault.http429(7))
                .failNext(Fault.HTTP_401);
        HttpResponse<String> r500 = viaProxy("INSERT INTO t VALUES (1)");
        assertThat(r500.statusCode()).isEqualTo(500);
        assertThat(r500.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r500.body()).startsWith("<!DOCTYPE html>");
        HttpResponse<String> r502 = viaProxy("INSERT INTO t VALUES (1)");
        assertThat(r502.statusCode()).isEqualTo(502);
        assertThat(r502.body()).isEqualTo("Bad Gateway");
        assertThat(viaProxy("INSERT INTO t VALUES (1)").statusCode()).isEqualTo(503);
        HttpResponse<String> r429 = viaProxy("INSERT INTO t VALUES (1)");
        assertThat(r429.statusCode()).isEqualTo(429);
        assertThat(r429.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(r429.body()).isEqualTo("{\"error\":\"Too many requests\"}");
        HttpResponse<String> r401 = viaProxy("INSERT INTO t VALUES (1)");
        assertThat(r401.statusCode()).isEqualTo(401);
        assertThat(r401.body()).isEqualTo("{\"error\":\"Unauthorized\"}");
        assertThat(proxy.requests()).isEqualTo(5);
        assertThat(proxy.connections())
                .describedAs("error answers keep the connection")
                .isEqualTo(1);
        assertThat(proxy.forwarded()).isZero();
        assertThat(server.counters().httpRequests()).isZero();
        assertThat(rowsOnServer()).isZero();
        assertThat(Fault.HTTP_429.retryAfterSeconds()).isZero();
    }

    @Test
    void truncatedBodyCutsAProcessedAnswer() throws Exception {
        proxy.failNext(Fault.TRUNCATED_BODY);
        assertThatThrownBy(() -> viaProxy("INSERT INTO t VALUES (1)")).isInstanceOf(IOException.class);
        assertThat(proxy.forwarded()).isEqualTo(1);
        assertThat(rowsOnServer()).isEqualTo(1);
    }

    @Test
    void garbageAndWrongShapeJsonReplaceAProcessedAnswer() throws Exception {
        proxy.failNext(Fault.GARBAGE_JSON).failNext(Fault.WRONG_SHAPE_JSON);
        HttpResponse<String> garbage = viaProxy("INSERT INTO t VALUES (1)");
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> JSON.readTree(garbage.body())).isInstanceOf(IOException.class);
        HttpResponse<String> wrong = viaProxy("INSERT INTO t VALUES (2)");
        assertThat(wrong.statusCode()).isEqualTo(200);
        JsonNode shape = JSON.readTree(wrong.body());
        assertThat(shape.get("results").isObject())
                .describedAs("results is not an array")
                .isTrue();
        assertThat(rowsOnServer()).isEqualTo(2);
    }

    @Test
    void slowHoldsTheAnswerPastTheClientTimeoutAfterForwarding() throws Exception {
        proxy.failNext(Fault.slow(Duration.ofSeconds(30)));
        assertThatThrownBy(() -> post(proxy.uri(), "INSERT INTO t VALUES (1)", Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        await("forwarded", () -> proxy.forwarded() == 1);
        assertThat(rowsOnServer()).isEqualTo(1);
    }

    @Test
    void slowAnswerArrivesAfterTheDelay() throws Exception {
        proxy.failNext(Fault.slow(Duration.ofMillis(200)));
        long start = System.nanoTime();
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void delayEachWayAddsTwiceTheDelayPerRequest() throws Exception {
        proxy.delayEachWay(Duration.ofMillis(100));
        long start = System.nanoTime();
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void failWhenFiresOnceOnTheMatchingRequestOnly() throws Exception {
        proxy.failWhen(r -> r.bodyContains("VALUES (2)"), Fault.HTTP_503);
        assertThat(viaProxy("INSERT INTO t VALUES (1)").statusCode()).isEqualTo(200);
        assertThat(viaProxy("INSERT INTO t VALUES (2)").statusCode()).isEqualTo(503);
        assertThat(viaProxy("INSERT INTO t VALUES (2)").statusCode()).isEqualTo(200);
        assertThat(proxy.faultsInjected()).isEqualTo(1);
        assertThat(rowsOnServer()).isEqualTo(2);
    }

    @Test
    void failWhenSeesPathMethodAndHeaders() throws Exception {
        proxy.failWhen(
                r -> r.method().equals("POST")
                        && r.path().equals("/v3/pipeline")
                        && "application/json".equals(r.header("content-type")),
                Fault.HTTP_502,
                2);
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(502);
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(502);
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(200);
    }

    @Test
    void rulesComeBeforeTheQueue() throws Exception {
        proxy.failNext(Fault.HTTP_503);
        proxy.failWhen(r -> true, Fault.HTTP_502);
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(502);
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(503);
        assertThat(viaProxy("SELECT 1").statusCode()).isEqualTo(200);
    }

    @Test
    void refusedConnectionsLeaveTheTargetAndItsDataAlone() throws Exception {
        viaProxy("INSERT INTO t VALUES (1)");
        proxy.refuseConnections(true);
        assertThatThrownBy(() -> new Socket("127.0.0.1", proxy.port()).close()).isInstanceOf(ConnectException.class);
        assertThat(rowsOnServer()).isEqualTo(1);
        proxy.refuseConnections(false);
        assertThat(viaProxy("INSERT INTO t VALUES (2)").statusCode()).isEqualTo(200);
        assertThat(rowsOnServer()).isEqualTo(2);
    }

    @Test
    void unreachableTargetIs502() throws Exception {
        server.stop();
        HttpResponse<String> r = viaProxy("SELECT 1");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).startsWith("Bad Gateway");
    }

    @Test
    void keepsTheTargetPath() {
        try (HttpFaultProxy p = HttpFaultProxy.start(URI.create(server.url("tenant1")))) {
            assertThat(p.uri().toString()).isEqualTo("http://127.0.0.1:" + p.port() + "/dev/tenant1");
        }
    }

    @Test
    void refusesTargetsThatAreNotLoopbackHttp() {
        assertThatThrownBy(() -> HttpFaultProxy.start(URI.create("https://127.0.0.1:8080")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpFaultProxy.start(URI.create("http://192.0.2.1:8080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void toStringNeverShowsHeaders() throws Exception {
        String[] seen = new String[1];
        proxy.failWhen(
                r -> {
                    seen[0] = r.toString();
                    return false;
                },
                Fault.HTTP_502);
        client.send(
                HttpRequest.newBuilder(URI.create(proxy.uri() + "/v3/pipeline"))
                        .header("Authorization", "Bearer s3cret-token")
                        .POST(HttpRequest.BodyPublishers.ofString(pipeline("SELECT 1")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seen[0]).startsWith("POST /v3/pipeline").doesNotContain("s3cret-token");
        assertThat(proxy.toString()).doesNotContain("s3cret-token");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** One HTTP answer read off a raw socket (Content-Length bodies only). */
    private record RawAnswer(int status, String head, String body, long wireBytes) {
        static RawAnswer read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            int state = 0;
            while ((c = in.read()) != -1) {
                head.write(c);
                state = (c == '\r' && (state == 0 || state == 2))
                        ? state + 1
                        : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                if (state == 4) {
                    break;
                }
            }
            String h = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : h.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return new RawAnswer(
                    Integer.parseInt(h.substring(9, 12)),
                    h,
                    new String(body, StandardCharsets.UTF_8),
                    head.size() + (long) body.length);
        }
    }
}
