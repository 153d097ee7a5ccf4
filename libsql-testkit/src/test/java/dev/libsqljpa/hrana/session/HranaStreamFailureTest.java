package dev.libsqljpa.hrana.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.fake.FakeHrana;
import dev.libsqljpa.hrana.fake.FakeHttpServer;
import dev.libsqljpa.hrana.fake.FakeServers;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.HranaTransport;
import dev.libsqljpa.hrana.http.HranaTransportConfig;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transport failures on a stream: what the caller sees, what the server got, and what is never resent. */
class HranaStreamFailureTest {

    private static final String TOKEN = "tok-SECRET-0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<StreamRequest> SELECT_1 = List.of(new ExecuteStreamReq(Stmt.of("select 1")));

    private HranaTransport transport = new HranaTransport(HranaTransportConfig.defaults());

    @RegisterExtension
    final FakeServers servers = new FakeServers();

    @AfterEach
    void tearDown() throws Exception {
        transport.close();
    }

    private FakeHttpServer serve(FakeHttpServer.Handler handler) throws Exception {
        return servers.serve(handler);
    }

    /** A V3 fake whose n-th pipeline (1-based) gets {@code reply}; all other requests are normal. */
    private FakeHttpServer failingPipeline(int n, FakeHttpServer.Reply reply) throws Exception {
        AtomicInteger posts = new AtomicInteger();
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        return serve(r -> r.method().equals("POST") && posts.incrementAndGet() == n ? reply : hrana.handle(r));
    }

    /**
     * A stream on a Hrana 3 endpoint whose kind is preset, so the n-th POST the server sees is the
     * stream's n-th pipeline (detection failures are tested in {@code HranaEndpointTest}).
     */
    private HranaStream stream(FakeHttpServer server) {
        return new HranaStream(transport.endpoint(server.uri(), TOKEN, ServerKind.FULL_V3));
    }

    private static HranaException failure(Callable<?> call) {
        try {
            call.call();
        } catch (HranaException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a HranaException", e);
        }
        throw new AssertionError("expected a HranaException, got success");
    }

    private static void assertNoSecrets(HranaException e, String... secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
            for (String s : secrets) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(s);
            }
        }
    }

    // ------------------------------------------------------------------ status answers

    @Test
    void serverErrorWithHtmlBodyBreaksTheStreamAndShowsTheTextLast() throws Exception {
        FakeHttpServer server = failingPipeline(
                2,
                FakeHttpServer.text(
                        500,
                        "text/html; charset=utf-8",
                        "<!DOCTYPE html><html><head><title>Oops</title><style>body{color:red}</style></head>"
                                + "<body><h1>Internal Server Error</h1><p>database &amp; disk on fire</p></body></html>"));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.HTTP_STATUS);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.serverError()).isNull();
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(e.getMessage())
                .contains("(HTTP 500): ")
                .endsWith("Oops Internal Server Error database & disk on fire")
                .doesNotContain("<")
                .doesNotContain("color:red");
        assertNoSecrets(e, "baton-1");
        assertThat(stream.isBroken()).isTrue();
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(2);
    }

    @Test
    void errorJsonShapesAreRead() throws Exception {
        HranaException withMessage = failure(() -> stream(failingPipeline(
                        1,
                        FakeHttpServer.json(
                                400, "{\"message\":\"Unknown request type\",\"code\":\"PROTOCOL_ERROR\",\"extra\":1}")))
                .send(SELECT_1, TIMEOUT));
        assertThat(withMessage.serverError().message()).isEqualTo("Unknown request type");
        assertThat(withMessage.getMessage()).endsWith("(HTTP 400, PROTOCOL_ERROR): Unknown request type");

        HranaException withError = failure(
                () -> stream(failingPipeline(1, FakeHttpServer.json(503, "{\"error\":\"Service Unavailable\"}")))
                        .send(SELECT_1, TIMEOUT));
        assertThat(withError.serverError().message()).isEqualTo("Service Unavailable");
        assertThat(withError.getMessage()).endsWith("(HTTP 503): Service Unavailable");

        HranaException plain = failure(() -> stream(failingPipeline(
                        1,
                        FakeHttpServer.text(
                                500, "text/plain", "Failed to parse pipeline request: unknown variant `close`")))
                .send(SELECT_1, TIMEOUT));
        assertThat(plain.serverError()).isNull();
        assertThat(plain.getMessage())
                .endsWith("(HTTP 500): Failed to parse pipeline request: unknown variant `close`");
    }

    @Test
    void longServerTextIsShortened() throws Exception {
        HranaException e =
                failure(() -> stream(failingPipeline(1, FakeHttpServer.text(500, "text/plain", "x".repeat(100_000))))
                        .send(SELECT_1, TIMEOUT));

        assertThat(e.getMessage().length()).isLessThan(600);
    }

    @Test
    void tokenAndBatonEchoedByTheServerAreRedacted() throws Exception {
        FakeHttpServer server = failingPipeline(
                2, FakeHttpServer.json(400, "{\"message\":\"bad baton baton-1 for Bearer " + TOKEN + "\"}"));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, TIMEOUT));

        assertNoSecrets(e, "baton-1");
        assertThat(e.getMessage()).contains("<redacted>");
        assertThat(stream.toString()).doesNotContain("baton-1").doesNotContain(TOKEN);
    }

    @Test
    void toStringNeverShowsTheBaton() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        assertThat(stream.isOpen()).isTrue();
        assertThat(stream.toString()).contains("open").doesNotContain("baton-1").doesNotContain(TOKEN);
    }

    // ------------------------------------------------------------------ 429 and retries

    @Test
    void rateLimitedFirstRequestIsRetriedAfterRetryAfter() throws Exception {
        FakeHttpServer server = failingPipeline(
                1,
                FakeHttpServer.withHeader(
                        FakeHttpServer.json(429, "{\"error\":\"Too many concurrent requests\"}"), "Retry-After", "0"));
        HranaStream stream = stream(server);

        assertThat(stream.send(SELECT_1, TIMEOUT)).hasSize(1);

        List<FakeHttpServer.Request> posts = server.requests("POST", "/v3/pipeline");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
        assertThat(stream.isOpen()).isTrue();
    }

    @Test
    void rateLimitedIsGivenUpAfterBoundedAttempts() throws Exception {
        FakeHttpServer server = serve(r -> r.method().equals("GET")
                ? FakeHttpServer.text(200, "text/plain", "hi")
                : FakeHttpServer.withHeader(
                        FakeHttpServer.json(429, "{\"error\":\"Too many requests\"}"), "Retry-After", "0"));

        HranaException e = failure(() -> stream(server).send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isEqualTo(0L);
        assertThat(e.mayHaveBeenProcessed()).isFalse();
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(4);
    }

    @Test
    void retryAfterLongerThanTheCapIsNotWaitedFor() throws Exception {
        FakeHttpServer server = failingPipeline(
                1,
                FakeHttpServer.withHeader(FakeHttpServer.json(429, "{\"error\":\"slow down\"}"), "Retry-After", "120"));

        HranaException e = failure(() -> stream(server).send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isEqualTo(120L);
        assertThat(e.getMessage())
                .contains("HTTP 429")
                .contains("retry after 120 s")
                .endsWith("slow down");
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(1);
    }

    @Test
    void retryAfterAsAnHttpDateFallsBackToTheNormalBackoff() throws Exception {
        FakeHttpServer server = failingPipeline(
                1,
                FakeHttpServer.withHeader(
                        FakeHttpServer.json(429, "{\"error\":\"busy\"}"),
                        "Retry-After",
                        "Wed, 21 Oct 2015 07:28:00 GMT"));

        assertThat(stream(server).send(SELECT_1, TIMEOUT)).hasSize(1);
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(2);
    }

    @Test
    void closingTheTransportEndsARetryBackoffAtOnce() throws Exception {
        FakeHttpServer server = failingPipeline(
                1, FakeHttpServer.withHeader(FakeHttpServer.json(429, "{\"error\":\"busy\"}"), "Retry-After", "2"));
        HranaStream stream = stream(server);
        CompletableFuture<HranaException> sending = new CompletableFuture<>();
        Thread sender = new Thread(() -> sending.complete(failure(() -> stream.send(SELECT_1, TIMEOUT))));
        sender.start();
        // Close only once the sender is in its back-off (the 429 arrived and it waits to retry).
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (Arrays.stream(sender.getStackTrace())
                .noneMatch(f -> f.getMethodName().equals("awaitClose"))) {
            assertThat(System.nanoTime())
                    .describedAs("sender never started its back-off")
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }

        transport.close();

        HranaException e = sending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(e.reason()).isEqualTo(HranaException.Reason.CLOSED);
        assertThat(e.getMessage()).contains("closed while waiting to retry");
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(1);
    }

    @Test
    void rateLimitedRequestWithABatonIsNeverResent() throws Exception {
        FakeHttpServer server = failingPipeline(
                2, FakeHttpServer.withHeader(FakeHttpServer.json(429, "{\"error\":\"busy\"}"), "Retry-After", "0"));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.RATE_LIMITED);
        assertThat(stream.isBroken())
                .describedAs("sqld ends a stream on any non-200 answer")
                .isTrue();
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(2);
    }

    // ------------------------------------------------------------------ broken bodies and timeouts

    @Test
    void truncatedBodyIsAnIoFailureThatBreaksTheStream() throws Exception {
        byte[] full = FakeHrana.answer("baton-2", SELECT_1);
        FakeHttpServer server =
                failingPipeline(2, new FakeHttpServer.Truncate(200, Arrays.copyOf(full, full.length / 2), full.length));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.IO);
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(stream.isBroken()).isTrue();
        assertNoSecrets(e, "baton-1");
        assertThat(server.requests("POST", "/v3/pipeline"))
                .describedAs("never resent")
                .hasSize(2);
    }

    @Test
    void connectionDroppedWithoutAnAnswerIsNeverResent() throws Exception {
        FakeHttpServer server = failingPipeline(1, new FakeHttpServer.Drop());
        HranaStream stream = stream(server);

        HranaException e = failure(() -> stream.send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.IO);
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(1);
        assertThat(stream.isBroken())
                .describedAs("no baton was held, so no stream to break")
                .isFalse();
    }

    @Test
    void garbageJsonIsAMalformedResponse() throws Exception {
        FakeHttpServer server = failingPipeline(2, FakeHttpServer.json(200, "{\"baton\": \"x\", \"results\": [tru"));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(stream.isBroken()).isTrue();
    }

    @Test
    void htmlWithStatus200IsAMalformedResponse() throws Exception {
        HranaException e = failure(
                () -> stream(failingPipeline(1, FakeHttpServer.text(200, "text/html", "<html>captive portal</html>")))
                        .send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE);
    }

    @Test
    void wrongResultCountIsAMalformedResponse() throws Exception {
        FakeHttpServer server = failingPipeline(
                2, FakeHttpServer.json(200, FakeHrana.answer("baton-2", null, List.of("execute", "execute"))));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("2 results").contains("1 requests");
        assertThat(stream.isBroken()).isTrue();
    }

    @Test
    void missingCloseResultIsAMalformedResponse() throws Exception {
        FakeHttpServer server =
                failingPipeline(1, FakeHttpServer.json(200, FakeHrana.answer(null, null, List.of("execute"))));

        HranaException e = failure(() -> stream(server).sendAndClose(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE);
    }

    @Test
    void resultOfAnotherTypeIsAMalformedResponse() throws Exception {
        FakeHttpServer server =
                failingPipeline(1, FakeHttpServer.json(200, FakeHrana.answer("b", null, List.of("batch"))));

        HranaException e = failure(() -> stream(server).send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE);
    }

    @Test
    void inBandErrorsAreResultsNotExceptions() throws Exception {
        FakeHttpServer server = failingPipeline(
                1,
                FakeHttpServer.json(
                        200,
                        "{\"baton\":\"b\",\"base_url\":null,"
                                + "\"results\":[{\"type\":\"error\",\"error\":{\"message\":\"no such table: t\","
                                + "\"code\":\"SQLITE_UNKNOWN\"}}]}"));

        List<StreamResult> results = stream(server).send(SELECT_1, TIMEOUT);

        assertThat(results)
                .singleElement()
                .isInstanceOfSatisfying(
                        StreamResult.Failure.class,
                        f -> assertThat(f.error().code()).isEqualTo("SQLITE_UNKNOWN"));
    }

    @Test
    void slowAnswerTimesOutBreaksTheStreamAndIsNeverResent() throws Exception {
        FakeHttpServer server = failingPipeline(2, new FakeHttpServer.Hang());
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, Duration.ofMillis(300)));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.TIMEOUT);
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(e.getMessage()).contains("within the timeout");
        assertThat(stream.isBroken()).isTrue();
        assertThat(failure(() -> stream.send(SELECT_1, TIMEOUT)).reason()).isEqualTo(HranaException.Reason.CLOSED);
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(2);
    }

    @Test
    void slowBodyCountsAgainstTheTimeout() throws Exception {
        // Headers and part of the body arrive, the rest never does: the deadline covers the body too.
        byte[] full = FakeHrana.answer("baton-2", SELECT_1);
        FakeHttpServer server = failingPipeline(2, new FakeHttpServer.Stall(200, Arrays.copyOf(full, 10), full.length));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, Duration.ofMillis(300)));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.TIMEOUT);
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(stream.isBroken()).isTrue();
    }

    @Test
    void closingTheTransportReleasesACallerWaitingForAnAnswer() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        AtomicInteger posts = new AtomicInteger();
        FakeHttpServer server = serve(r -> {
            if (r.method().equals("POST") && posts.incrementAndGet() == 2) {
                inside.countDown();
                return new FakeHttpServer.Hang();
            }
            return hrana.handle(r);
        });
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<HranaException> waiting =
                    pool.submit(() -> failure(() -> stream.send(SELECT_1, Duration.ofDays(1))));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            transport.close();

            HranaException e = waiting.get(10, TimeUnit.SECONDS);
            assertThat(e.reason()).isEqualTo(HranaException.Reason.CLOSED);
            assertThat(e.mayHaveBeenProcessed()).isTrue();
            assertThat(stream.isBroken()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answerLargerThanTheCapIsRefused() throws Exception {
        transport.close();
        transport = new HranaTransport(
                new HranaTransportConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), "libsql-jpa", 64));
        FakeHttpServer server =
                failingPipeline(1, FakeHttpServer.json(200, FakeHrana.answer("b", null, List.of("execute"))));

        HranaException e = failure(() -> stream(server).send(SELECT_1, TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("larger than the limit of 64 bytes");
    }

    // ------------------------------------------------------------------ serialisation

    @Test
    void twoThreadsOnOneStreamNeverOverlapAtTheServer() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        CountDownLatch secondArrived = new CountDownLatch(2);
        FakeHttpServer server = serve(r -> {
            if (r.method().equals("POST")) {
                secondArrived.countDown();
                // Give a concurrent request every chance to arrive while this one is in flight.
                secondArrived.await(300, TimeUnit.MILLISECONDS);
            }
            return hrana.handle(r);
        });
        HranaStream stream = stream(server);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<StreamResult>>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> stream.send(SELECT_1, TIMEOUT)));
            }
            for (Future<List<StreamResult>> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(server.maxConcurrentRequests()).isEqualTo(1);
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(2);
        List<String> batons = new ArrayList<>();
        for (FakeHttpServer.Request r : server.requests("POST", "/v3/pipeline")) {
            PipelineRequest p = FakeHrana.decode(r);
            batons.add(p.baton());
        }
        assertThat(batons).containsExactly(null, "baton-1");
        assertThat(hrana.violations()).isEmpty();
    }

    @Test
    void waitingForABusyStreamTimesOutWithoutSending() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(1);
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server = serve(r -> {
            if (r.method().equals("POST")) {
                inside.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return hrana.handle(r);
        });
        HranaStream stream = stream(server);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<StreamResult>> first = pool.submit(() -> stream.send(SELECT_1, TIMEOUT));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            HranaException e = failure(() -> stream.send(SELECT_1, Duration.ofMillis(100)));

            assertThat(e.reason()).isEqualTo(HranaException.Reason.TIMEOUT);
            assertThat(e.mayHaveBeenProcessed()).isFalse();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(stream.isBroken()).isFalse();
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(1);
    }
}
