package dev.libsqljpa.hrana.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hrana.fake.FakeHrana;
import dev.libsqljpa.hrana.fake.FakeHttpServer;
import dev.libsqljpa.hrana.fake.FakeServers;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HranaEndpointTest {

    private static final String TOKEN = "tok-SECRET-0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<StreamRequest> SELECT_1 = List.of(new ExecuteStreamReq(Stmt.of("select 1")));

    private final HranaTransport transport = new HranaTransport(HranaTransportConfig.defaults());

    @RegisterExtension
    final FakeServers servers = new FakeServers();

    @AfterEach
    void tearDown() throws Exception {
        transport.close();
    }

    private FakeHttpServer serve(FakeHttpServer.Handler handler) throws Exception {
        return servers.serve(handler);
    }

    private static final String VERSION_SQL = "select sqlite_version()";

    private static List<String> lines(FakeHttpServer server) {
        return server.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private static PipelineRequest pipeline(FakeHttpServer.Request request) throws Exception {
        return FakeHrana.decode(request);
    }

    private static List<String> types(FakeHttpServer.Request request) throws Exception {
        return pipeline(request).requests().stream().map(StreamRequest::type).toList();
    }

    private static String sql(FakeHttpServer.Request request) throws Exception {
        return ((ExecuteStreamReq) pipeline(request).requests().get(0)).stmt().sql();
    }

    private static HranaException detectionFailure(HranaEndpoint endpoint) {
        try {
            endpoint.serverKind(TIMEOUT);
        } catch (HranaException e) {
            return e;
        }
        throw new AssertionError("detection succeeded");
    }

    @Test
    void hranaThreePipelineAnsweringMeansFullV3WithTheVersionAndIsProbedOnlyOnce() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server = serve(hrana);
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);
        assertThat(endpoint.serverVersion()).describedAs("before detection").isEmpty();

        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V3);
        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V3);
        assertThat(transport.endpoint(server.uri(), TOKEN).serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V3);

        assertThat(endpoint.serverVersion()).contains(FakeHrana.VERSION);
        assertThat(lines(server)).containsExactly("POST /v3/pipeline");
        FakeHttpServer.Request probe = server.requests().get(0);
        assertThat(pipeline(probe).baton()).isNull();
        assertThat(types(probe)).containsExactly("execute", "close");
        assertThat(sql(probe)).isEqualTo(VERSION_SQL);
        assertThat(probe.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(probe.header("Content-Type")).isEqualTo("application/json");
        assertThat(hrana.violations()).isEmpty();
    }

    @Test
    void notFoundOnV3ThenAStreamOnV2MeansFullV2AndTheProbeStreamIsClosed() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V2);
        FakeHttpServer server = serve(hrana);
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V2);
        assertThat(endpoint.serverVersion()).contains(FakeHrana.VERSION);
        new HranaStream(endpoint).sendAndClose(SELECT_1, TIMEOUT);

        assertThat(lines(server))
                .containsExactly("POST /v3/pipeline", "POST /v2/pipeline", "POST /v2/pipeline", "POST /v2/pipeline");
        List<FakeHttpServer.Request> v2 = server.requests("POST", "/v2/pipeline");
        assertThat(types(v2.get(0))).describedAs("the Hrana 2 probe").containsExactly("execute");
        assertThat(pipeline(v2.get(0)).baton()).isNull();
        assertThat(types(v2.get(1))).describedAs("closes the probe's stream").containsExactly("close");
        assertThat(pipeline(v2.get(1)).baton()).isEqualTo("baton-1");
        assertThat(pipeline(v2.get(2)).baton())
                .describedAs("the caller's own stream")
                .isNull();
        assertThat(hrana.violations()).isEmpty();
    }

    @Test
    void aFailedCloseOfTheHranaTwoProbeStreamDoesNotFailDetection() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V2);
        FakeHttpServer server = serve(r -> r.method().equals("POST")
                        && r.path().equals("/v2/pipeline")
                        && FakeHrana.decode(r).baton() != null
                ? FakeHttpServer.text(500, "text/plain", "close failed")
                : hrana.handle(r));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V2);
        assertThat(endpoint.serverVersion()).contains(FakeHrana.VERSION);
        assertThat(lines(server)).containsExactly("POST /v3/pipeline", "POST /v2/pipeline", "POST /v2/pipeline");
    }

    @Test
    void notFoundOnV3ThenNoBatonOnV2MeansMinimalAndItNeverGetsAClose() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.MINIMAL);
        FakeHttpServer server = serve(hrana);
        HranaEndpoint endpoint = transport.endpoint(server.uri(), null);

        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.MINIMAL);

        assertThat(endpoint.serverVersion()).contains(FakeHrana.VERSION);
        assertThat(lines(server)).containsExactly("POST /v3/pipeline", "POST /v2/pipeline");
        FakeHttpServer.Request probe = server.requests("POST", "/v2/pipeline").get(0);
        assertThat(types(probe)).containsExactly("execute");
        assertThat(sql(probe)).isEqualTo(VERSION_SQL);
        assertThat(hrana.violations())
                .describedAs("a close would fail the whole pipeline")
                .isEmpty();
    }

    @Test
    void presetKindNeverProbesAndKnowsNoVersion() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.MINIMAL));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), null, ServerKind.MINIMAL);

        assertThat(endpoint.knownServerKind()).contains(ServerKind.MINIMAL);
        new HranaStream(endpoint).sendAndClose(SELECT_1, TIMEOUT);

        assertThat(lines(server)).containsExactly("POST /v2/pipeline");
        assertThat(sql(server.requests().get(0))).isEqualTo("select 1");
        assertThat(endpoint.serverVersion()).isEmpty();
    }

    @Test
    void aFailedVersionStatementStillDetectsTheFamilyWithoutAVersion() throws Exception {
        FakeHttpServer server = serve(r -> FakeHttpServer.json(
                200,
                "{\"baton\":null,\"base_url\":null,\"results\":["
                        + "{\"type\":\"error\",\"error\":{\"message\":\"no such function: sqlite_version\","
                        + "\"code\":\"SQLITE_UNKNOWN\"}},"
                        + "{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}"));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V3);

        assertThat(endpoint.serverVersion()).isEmpty();
        assertThat(lines(server)).containsExactly("POST /v3/pipeline");
    }

    @Test
    void unauthorizedProbeIsAnAuthErrorWithoutTheTokenAndIsNotCached() throws Exception {
        FakeHttpServer server =
                serve(r -> FakeHttpServer.json(401, "{\"error\":\"Authorization failed: bad token " + TOKEN + "\"}"));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        assertThatThrownBy(() -> endpoint.serverKind(TIMEOUT)).isInstanceOfSatisfying(HranaException.class, e -> {
            assertThat(e.reason()).isEqualTo(HranaException.Reason.AUTH);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.mayHaveBeenProcessed()).isFalse();
            assertThat(e.getMessage())
                    .contains("HTTP 401")
                    .contains("Authorization failed")
                    .doesNotContain(TOKEN);
        });
        assertThatThrownBy(() -> endpoint.serverKind(TIMEOUT)).isInstanceOf(HranaException.class);
        assertThat(lines(server))
                .describedAs("a failed detection is retried by the next call")
                .containsExactly("POST /v3/pipeline", "POST /v3/pipeline");
        assertThat(endpoint.knownServerKind()).isEmpty();
        assertThat(endpoint.serverVersion()).isEmpty();
    }

    @Test
    void forbiddenOnV2AfterNotFoundOnV3IsAnAuthError() throws Exception {
        FakeHttpServer server = serve(r -> r.path().equals("/v3/pipeline")
                ? FakeHttpServer.text(404, "text/plain", "nope")
                : FakeHttpServer.text(403, "text/plain", "Forbidden"));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        HranaException e = detectionFailure(endpoint);

        assertThat(e.reason()).isEqualTo(HranaException.Reason.AUTH);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(lines(server)).containsExactly("POST /v3/pipeline", "POST /v2/pipeline");
    }

    @Test
    void unexpectedProbeAnswersFailWithBothStatusesAndAreNotCached() throws Exception {
        FakeHttpServer server =
                serve(r -> FakeHttpServer.text(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        HranaException e = detectionFailure(endpoint);

        assertThat(e.reason()).isEqualTo(HranaException.Reason.HTTP_STATUS);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.getMessage())
                .contains("POST /v3/pipeline answered HTTP 502")
                .contains("POST /v2/pipeline answered HTTP 502")
                .endsWith("502 Bad Gateway")
                .doesNotContain("<h1>");
        assertThat(endpoint.knownServerKind()).isEmpty();
    }

    @Test
    void notFoundOnBothPipelinesIsAnErrorNotAServerFamily() throws Exception {
        FakeHttpServer server = serve(r -> FakeHttpServer.json(404, "{\"error\":\"Namespace `x` does not exist\"}"));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        HranaException e = detectionFailure(endpoint);

        assertThat(e.reason()).isEqualTo(HranaException.Reason.HTTP_STATUS);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage())
                .contains("POST /v3/pipeline answered HTTP 404 and POST /v2/pipeline answered HTTP 404")
                .contains("wrong URL or unknown database")
                .endsWith("Namespace `x` does not exist");
        assertThat(endpoint.knownServerKind()).isEmpty();
        assertThat(lines(server)).containsExactly("POST /v3/pipeline", "POST /v2/pipeline");
    }

    @Test
    void serverErrorOnV3IsFollowedByTheV2ProbeLikeAnyOtherStatus() throws Exception {
        String tursoText = "Failed to parse pipeline request: unknown variant `close`";
        FakeHttpServer failing = serve(r -> r.path().equals("/v3/pipeline")
                ? FakeHttpServer.text(500, "text/plain", tursoText)
                : FakeHttpServer.text(404, "text/plain", "Not Found"));

        HranaException e = detectionFailure(transport.endpoint(failing.uri(), TOKEN));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.HTTP_STATUS);
        assertThat(e.httpStatus()).describedAs("the answer that was not a 404").isEqualTo(500);
        assertThat(e.getMessage())
                .contains("POST /v3/pipeline answered HTTP 500 and POST /v2/pipeline answered HTTP 404")
                .endsWith(tursoText);
        assertThat(lines(failing)).containsExactly("POST /v3/pipeline", "POST /v2/pipeline");

        FakeHrana minimal = new FakeHrana(FakeHrana.Family.MINIMAL);
        FakeHttpServer v2Works = serve(r -> r.path().equals("/v3/pipeline")
                ? FakeHttpServer.text(500, "text/plain", tursoText)
                : minimal.handle(r));
        HranaEndpoint endpoint = transport.endpoint(v2Works.uri(), TOKEN);
        assertThat(endpoint.serverKind(TIMEOUT))
                .describedAs("the Hrana 2 answer decides")
                .isEqualTo(ServerKind.MINIMAL);
        assertThat(minimal.violations()).isEmpty();
    }

    @Test
    void malformedAnswersToTheProbeAreMalformedResponsesNotAServerFamily() throws Exception {
        List<FakeHttpServer.Reply> replies = List.of(
                FakeHttpServer.json(200, "{\"baton\":null,\"results\":[{\"type\":\"ok\""),
                FakeHttpServer.text(200, "text/html", "<html><body>Welcome to the captive portal</body></html>"),
                FakeHttpServer.json(200, "{\"hello\":\"world\"}"),
                FakeHttpServer.json(200, "{\"baton\":null,\"base_url\":null,\"results\":[]}"));
        for (FakeHttpServer.Reply reply : replies) {
            FakeHttpServer server = serve(r -> reply);
            HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

            HranaException e = detectionFailure(endpoint);

            assertThat(e.reason()).describedAs("%s", reply).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE);
            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.getMessage())
                    .contains("/v3/pipeline")
                    .contains("server detection")
                    .doesNotContain(TOKEN);
            assertThat(endpoint.knownServerKind()).isEmpty();
            assertThat(lines(server)).describedAs("no second probe").containsExactly("POST /v3/pipeline");
        }
    }

    @Test
    void rateLimitedProbeIsRetriedWithTheSameBody() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        AtomicInteger posts = new AtomicInteger();
        FakeHttpServer server = serve(r -> posts.incrementAndGet() == 1
                ? FakeHttpServer.withHeader(FakeHttpServer.json(429, "{\"error\":\"busy\"}"), "Retry-After", "0")
                : hrana.handle(r));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);

        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V3);

        assertThat(lines(server)).containsExactly("POST /v3/pipeline", "POST /v3/pipeline");
        assertThat(server.requests().get(1).body())
                .isEqualTo(server.requests().get(0).body());
        assertThat(endpoint.serverVersion()).contains(FakeHrana.VERSION);
    }

    @Test
    void connectFailureIsNotCachedSoALaterCallDetectsTheServer() throws Exception {
        int port = FakeHttpServer.unusedPort();
        URI uri = URI.create("http://127.0.0.1:" + port);
        HranaEndpoint endpoint = transport.endpoint(uri, TOKEN);

        assertThatThrownBy(() -> endpoint.serverKind(Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(HranaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HranaException.Reason.CONNECT);
                    assertThat(e.mayHaveBeenProcessed()).isFalse();
                    assertThat(e.getMessage()).contains("127.0.0.1:" + port).doesNotContain(TOKEN);
                });

        servers.serve(port, new FakeHrana(FakeHrana.Family.V3));
        assertThat(endpoint.serverKind(TIMEOUT)).isEqualTo(ServerKind.FULL_V3);
    }

    @Test
    void connectFailureOnAPipelineIsNotProcessedAndLeavesTheStreamUsable() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + FakeHttpServer.unusedPort());
        HranaStream stream = new HranaStream(transport.endpoint(uri, TOKEN, ServerKind.FULL_V3));

        assertThatThrownBy(() -> stream.send(SELECT_1, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(HranaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HranaException.Reason.CONNECT);
                    assertThat(e.mayHaveBeenProcessed()).isFalse();
                });
        assertThat(stream.isBroken()).isFalse();
    }

    @Test
    void concurrentFirstCallsProbeOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server = serve(r -> {
            release.await(10, TimeUnit.SECONDS);
            return hrana.handle(r);
        });
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ServerKind>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit((Callable<ServerKind>) () -> endpoint.serverKind(TIMEOUT)));
            }
            release.countDown();
            for (Future<ServerKind> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(ServerKind.FULL_V3);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void requestsCarryTheHeadersTursodbAndSqldNeed() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        new HranaStream(transport.endpoint(server.uri(), TOKEN)).sendAndClose(SELECT_1, TIMEOUT);
        FakeHttpServer.Request post = server.requests("POST", "/v3/pipeline").get(0);

        assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.header("User-Agent")).isEqualTo("libsql-jpa");
        assertThat(post.header("Content-Length")).isEqualTo(Integer.toString(post.body().length));
        assertThat(post.header("Transfer-Encoding"))
                .describedAs("tursodb cannot read chunked bodies")
                .isNull();
        assertThat(post.header("Expect"))
                .describedAs("tursodb never answers 100-continue")
                .isNull();
    }

    @Test
    void noAuthorizationHeaderWithoutAToken() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.MINIMAL));
        new HranaStream(transport.endpoint(server.uri(), null)).sendAndClose(SELECT_1, TIMEOUT);

        assertThat(server.requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    }

    @Test
    void oneKeptAliveConnectionServesEveryEndpointAndStreamOfATransport() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        HranaStream first = new HranaStream(transport.endpoint(server.uri(), TOKEN));
        HranaStream second = new HranaStream(transport.endpoint(server.uri(), "another-token"));

        first.send(SELECT_1, TIMEOUT);
        first.sendAndClose(SELECT_1, TIMEOUT);
        second.sendAndClose(SELECT_1, TIMEOUT);

        assertThat(server.requests()).hasSize(5);
        assertThat(server.connections())
                .describedAs("HTTP keep-alive on one shared client")
                .isEqualTo(1);
    }

    @Test
    void configRefusesMissingOrNonPositiveValues() {
        HranaTransportConfig d = HranaTransportConfig.defaults();
        assertThatThrownBy(() -> new HranaTransportConfig(Duration.ZERO, d.requestTimeout(), "ua", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new HranaTransportConfig(d.connectTimeout(), null, "ua", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> new HranaTransportConfig(d.connectTimeout(), d.requestTimeout(), " ", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userAgent");
        assertThatThrownBy(() -> new HranaTransportConfig(d.connectTimeout(), d.requestTimeout(), "ua", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxResponseBytes");
        assertThat(d.withRequestTimeout(Duration.ofSeconds(3)).requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void endpointsAreCachedByUrlAndToken() throws Exception {
        URI uri = URI.create("http://127.0.0.1:9/db/");
        HranaEndpoint a = transport.endpoint(uri, TOKEN);

        assertThat(transport.endpoint(URI.create("http://127.0.0.1:9/db"), TOKEN))
                .isSameAs(a);
        assertThat(transport.endpoint(uri, "other-token")).isNotSameAs(a);
        assertThat(a.baseUri()).isEqualTo(URI.create("http://127.0.0.1:9/db"));
    }

    @Test
    void badUrlsAreRefusedWithoutEchoingCredentials() {
        assertThatThrownBy(() -> transport.endpoint(URI.create("ftp://host/db"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transport.endpoint(URI.create("https://user:pa55word@host/db"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("pa55word");
        assertThatThrownBy(() -> transport.endpoint(URI.create("https://host/db?authToken=abc"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("abc");
        assertThatThrownBy(() -> transport.endpoint(URI.create("https://host/db"), "bad\r\ntoken"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("bad");
    }

    @Test
    void closedTransportFailsWithClosedAndSendsNothing() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        HranaEndpoint endpoint = transport.endpoint(server.uri(), TOKEN);
        HranaStream stream = new HranaStream(endpoint);
        transport.close();

        assertThat(transport.isClosed()).isTrue();
        assertThatThrownBy(() -> stream.send(SELECT_1, TIMEOUT))
                .isInstanceOfSatisfying(
                        HranaException.class, e -> assertThat(e.reason()).isEqualTo(HranaException.Reason.CLOSED));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void toStringsShowNoToken() throws Exception {
        HranaEndpoint endpoint = transport.endpoint(URI.create("https://db.example.com/x"), TOKEN);

        assertThat(endpoint.toString()).contains("https://db.example.com/x").doesNotContain(TOKEN);
        assertThat(new HranaStream(endpoint).toString()).doesNotContain(TOKEN);
        assertThat(transport.toString()).doesNotContain(TOKEN);
        assertThat(transport.config().toString()).contains("requestTimeout");
    }
}
