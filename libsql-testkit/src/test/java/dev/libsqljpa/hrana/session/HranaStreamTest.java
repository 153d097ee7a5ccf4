package dev.libsqljpa.hrana.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hrana.fake.FakeHrana;
import dev.libsqljpa.hrana.fake.FakeHttpServer;
import dev.libsqljpa.hrana.fake.FakeServers;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.HranaTransport;
import dev.libsqljpa.hrana.http.HranaTransportConfig;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.DescribeStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.GetAutocommitStreamReq;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HranaStreamTest {

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

    /**
     * A stream on a Hrana 3 endpoint whose kind is preset, so every request the server records is one
     * of the stream's (detection has its own tests in {@code HranaEndpointTest}).
     */
    private HranaStream stream(FakeHttpServer server) {
        return new HranaStream(transport.endpoint(server.uri(), TOKEN, ServerKind.FULL_V3));
    }

    /** A stream on an endpoint that detects its server family on first use. */
    private HranaStream detectingStream(FakeHttpServer server) {
        return new HranaStream(transport.endpoint(server.uri(), TOKEN));
    }

    private static List<PipelineRequest> pipelines(FakeHttpServer server, String path) throws Exception {
        List<PipelineRequest> list = new ArrayList<>();
        for (FakeHttpServer.Request r : server.requests("POST", path)) {
            list.add(FakeHrana.decode(r));
        }
        return list;
    }

    private static List<String> types(PipelineRequest p) {
        return p.requests().stream().map(StreamRequest::type).toList();
    }

    // ------------------------------------------------------------------ batons and close

    @Test
    void eachRequestCarriesTheBatonOfThePreviousAnswer() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server = serve(hrana);
        HranaStream stream = stream(server);

        stream.send(SELECT_1, TIMEOUT);
        assertThat(stream.isOpen()).isTrue();
        stream.send(SELECT_1, TIMEOUT);
        stream.send(SELECT_1, TIMEOUT);

        assertThat(pipelines(server, "/v3/pipeline"))
                .extracting(PipelineRequest::baton)
                .containsExactly(null, "baton-1", "baton-2");
        assertThat(hrana.violations()).isEmpty();
    }

    @Test
    void sendAndCloseAppendsCloseLastAndReturnsOnlyTheCallersResults() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server = serve(hrana);
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        List<StreamResult> results = stream.sendAndClose(
                List.of(new ExecuteStreamReq(Stmt.of("select 2")), new ExecuteStreamReq(Stmt.of("select 3"))), TIMEOUT);

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(StreamResult.Ok.class));
        List<PipelineRequest> sent = pipelines(server, "/v3/pipeline");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).baton()).isEqualTo("baton-1");
        assertThat(types(sent.get(1))).containsExactly("execute", "execute", "close");
        assertThat(stream.isOpen()).isFalse();
        assertThat(hrana.violations()).isEmpty();
    }

    @Test
    void aClosedServerStreamIsFollowedByAFreshOneOnTheNextSend() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        HranaStream stream = stream(server);

        stream.sendAndClose(SELECT_1, TIMEOUT);
        stream.sendAndClose(SELECT_1, TIMEOUT);

        assertThat(pipelines(server, "/v3/pipeline"))
                .extracting(PipelineRequest::baton)
                .containsExactly(null, null);
    }

    @Test
    void sendAndCloseWithNothingToSendAndNoStreamSendsNothing() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        HranaStream stream = stream(server);

        assertThat(stream.sendAndClose(List.of(), TIMEOUT)).isEmpty();
        assertThat(stream.send(List.of(), TIMEOUT)).isEmpty();

        assertThat(server.requests("POST", "/v3/pipeline")).isEmpty();
    }

    @Test
    void closeSendsOnlyCloseWithTheBatonAndIsIdempotent() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server = serve(hrana);
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        stream.close();
        stream.close();

        List<PipelineRequest> sent = pipelines(server, "/v3/pipeline");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).baton()).isEqualTo("baton-1");
        assertThat(types(sent.get(1))).containsExactly("close");
        assertThatThrownBy(() -> stream.send(SELECT_1, TIMEOUT))
                .isInstanceOfSatisfying(
                        HranaException.class, e -> assertThat(e.reason()).isEqualTo(HranaException.Reason.CLOSED));
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(2);
    }

    @Test
    void inBandErrorOfCloseStillEndsTheStreamAndKeepsTheCallersResults() throws Exception {
        FakeHttpServer server = serve(r -> r.method().equals("GET")
                ? FakeHttpServer.text(200, "text/plain", "hi")
                : FakeHttpServer.json(
                        200,
                        "{\"baton\":null,\"base_url\":null,\"results\":["
                                + "{\"type\":\"ok\",\"response\":{\"type\":\"execute\",\"result\":{\"cols\":[],\"rows\":[],"
                                + "\"affected_row_count\":1,\"last_insert_rowid\":null,\"replication_index\":null,"
                                + "\"rows_read\":0,\"rows_written\":1}}},"
                                + "{\"type\":\"error\",\"error\":{\"message\":\"close failed\",\"code\":null}}]}"));
        HranaStream stream = stream(server);

        List<StreamResult> results = stream.sendAndClose(SELECT_1, TIMEOUT);

        assertThat(results).singleElement().isInstanceOf(StreamResult.Ok.class);
        assertThat(stream.isOpen()).isFalse();
        assertThat(stream.isBroken()).isFalse();
    }

    @Test
    void closeWithoutAServerStreamSendsNothing() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        stream(server).close();

        assertThat(server.requests()).isEmpty();
    }

    @Test
    void closePassedByTheCallerIsRefused() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        HranaStream stream = stream(server);

        assertThatThrownBy(() -> stream.send(List.of(new CloseStreamReq()), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void nullBatonInAnAnswerMeansTheServerEndedTheStream() throws Exception {
        FakeHttpServer server = serve(r -> r.method().equals("GET")
                ? FakeHttpServer.text(200, "text/plain", "hi")
                : FakeHttpServer.json(
                        200, FakeHrana.answer(null, FakeHrana.decode(r).requests())));
        HranaStream stream = stream(server);

        stream.send(SELECT_1, TIMEOUT);
        assertThat(stream.isOpen()).isFalse();
        stream.send(SELECT_1, TIMEOUT);

        assertThat(pipelines(server, "/v3/pipeline"))
                .extracting(PipelineRequest::baton)
                .containsExactly(null, null);
    }

    // ------------------------------------------------------------------ base_url

    @Test
    void baseUrlFromAnAnswerIsUsedForTheRestOfTheStream() throws Exception {
        AtomicInteger otherBatons = new AtomicInteger();
        FakeHttpServer other = serve(r -> FakeHttpServer.json(
                200, FakeHrana.answer("other-" + otherBatons.incrementAndGet(), null, types(FakeHrana.decode(r)))));
        FakeHttpServer first = serve(r -> r.method().equals("GET")
                ? FakeHttpServer.text(200, "text/plain", "hi")
                : FakeHttpServer.json(
                        200, FakeHrana.answer("baton-from-first", other.uri() + "/", types(FakeHrana.decode(r)))));
        HranaStream stream = stream(first);

        stream.send(SELECT_1, TIMEOUT);
        stream.send(SELECT_1, TIMEOUT);
        stream.sendAndClose(SELECT_1, TIMEOUT);

        assertThat(first.requests("POST", "/v3/pipeline")).hasSize(1);
        List<PipelineRequest> atOther = pipelines(other, "/v3/pipeline");
        assertThat(atOther).extracting(PipelineRequest::baton).containsExactly("baton-from-first", "other-1");
        assertThat(other.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));

        // The base_url belonged to the closed stream: a new stream starts at the endpoint again.
        stream.send(SELECT_1, TIMEOUT);
        assertThat(first.requests("POST", "/v3/pipeline")).hasSize(2);
    }

    @Test
    void baseUrlThatDowngradesOrIsNotHttpIsRefused() throws Exception {
        FakeHttpServer server = serve(r -> r.method().equals("GET")
                ? FakeHttpServer.text(200, "text/plain", "hi")
                : FakeHttpServer.json(200, FakeHrana.answer("b", "ftp://elsewhere/", types(FakeHrana.decode(r)))));
        HranaStream stream = stream(server);

        assertThatThrownBy(() -> stream.send(SELECT_1, TIMEOUT))
                .isInstanceOfSatisfying(
                        HranaException.class,
                        e -> assertThat(e.reason()).isEqualTo(HranaException.Reason.MALFORMED_RESPONSE));
        assertThat(stream.isOpen()).isFalse();
    }

    // ------------------------------------------------------------------ minimal servers

    @Test
    void minimalServerNeverGetsCloseOrABaton() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.MINIMAL);
        FakeHttpServer server = serve(hrana);
        HranaStream stream = detectingStream(server);

        stream.send(SELECT_1, TIMEOUT);
        stream.sendAndClose(SELECT_1, TIMEOUT);
        assertThat(stream.sendAndClose(List.of(), TIMEOUT)).isEmpty();
        stream.close();

        assertThat(stream.serverKind()).isEqualTo(ServerKind.MINIMAL);
        assertThat(stream.isOpen()).isFalse();
        assertThat(server.requests())
                .extracting(r -> r.method() + " " + r.path())
                .describedAs("detection (a 404 from /v3, then the bare execute), then the stream's two")
                .containsExactly("POST /v3/pipeline", "POST /v2/pipeline", "POST /v2/pipeline", "POST /v2/pipeline");
        List<PipelineRequest> sent = pipelines(server, "/v2/pipeline");
        assertThat(sent).hasSize(3).allSatisfy(p -> {
            assertThat(p.baton()).isNull();
            assertThat(types(p)).containsExactly("execute");
        });
        assertThat(hrana.violations()).isEmpty();
    }

    @Test
    void minimalServerRefusesOtherRequestsBeforeSending() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.MINIMAL));
        HranaStream stream = new HranaStream(transport.endpoint(server.uri(), TOKEN, ServerKind.MINIMAL));

        assertThatThrownBy(() -> stream.send(
                        List.of(new ExecuteStreamReq(Stmt.of("select 1")), new DescribeStreamReq("select 1", null)),
                        TIMEOUT))
                .isInstanceOfSatisfying(HranaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HranaException.Reason.UNSUPPORTED);
                    assertThat(e.mayHaveBeenProcessed()).isFalse();
                    assertThat(e.getMessage()).contains("describe");
                });
        assertThat(server.requests()).isEmpty();
        assertThat(stream.isBroken()).isFalse();
    }

    @Test
    void hranaTwoServerRefusesGetAutocommitAndIsAutocommitBeforeSending() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V2));
        HranaStream stream = new HranaStream(transport.endpoint(server.uri(), TOKEN, ServerKind.FULL_V2));

        assertThatThrownBy(() -> stream.send(List.of(new GetAutocommitStreamReq()), TIMEOUT))
                .isInstanceOfSatisfying(
                        HranaException.class, e -> assertThat(e.reason()).isEqualTo(HranaException.Reason.UNSUPPORTED));
        BatchStreamReq conditional = new BatchStreamReq(
                new Batch(List.of(new BatchStep(new BatchCond.Not(new BatchCond.IsAutocommit()), Stmt.of("commit")))));
        assertThatThrownBy(() -> stream.send(List.of(conditional), TIMEOUT))
                .isInstanceOfSatisfying(
                        HranaException.class, e -> assertThat(e.reason()).isEqualTo(HranaException.Reason.UNSUPPORTED));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void getAutocommitGoesThroughOnHranaThree() throws Exception {
        FakeHttpServer server = serve(new FakeHrana(FakeHrana.Family.V3));
        List<StreamResult> results = stream(server).sendAndClose(List.of(new GetAutocommitStreamReq()), TIMEOUT);

        assertThat(results).singleElement().isEqualTo(new StreamResult.Ok(new StreamResponse.GetAutocommit(true)));
    }

    // ------------------------------------------------------------------ stream end on the server

    @Test
    void expiredStreamBreaksTheHandleUntilReset() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server = serve(r -> {
            if (r.method().equals("POST") && posts.incrementAndGet() == 2) {
                return FakeHttpServer.json(
                        400, "{\"message\":\"The stream has expired due to inactivity\",\"code\":\"STREAM_EXPIRED\"}");
            }
            return hrana.handle(r);
        });
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);

        assertThatThrownBy(() -> stream.send(SELECT_1, TIMEOUT)).isInstanceOfSatisfying(HranaException.class, e -> {
            assertThat(e.reason()).isEqualTo(HranaException.Reason.STREAM_EXPIRED);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.serverError().code()).isEqualTo("STREAM_EXPIRED");
            assertThat(e.mayHaveBeenProcessed()).isFalse();
            assertThat(e.getMessage())
                    .contains("expired")
                    .contains("HTTP 400")
                    .endsWith("The stream has expired due to inactivity")
                    .doesNotContain("baton-1");
        });
        assertThat(stream.isBroken()).isTrue();
        assertThat(stream.isOpen()).isFalse();
        assertThatThrownBy(() -> stream.send(SELECT_1, TIMEOUT))
                .isInstanceOfSatisfying(
                        HranaException.class, e -> assertThat(e.reason()).isEqualTo(HranaException.Reason.CLOSED));
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(2);

        stream.reset();
        stream.send(SELECT_1, TIMEOUT);
        List<PipelineRequest> sent = pipelines(server, "/v3/pipeline");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).baton()).isNull();
    }

    @Test
    void invalidOrReusedBatonMeansTheStreamIsLost() throws Exception {
        for (String text : List.of("Received an invalid baton", "Received a baton that has already been used")) {
            assertThat(secondPostFails(FakeHttpServer.text(400, "text/plain", text))
                            .reason())
                    .describedAs(text)
                    .isEqualTo(HranaException.Reason.STREAM_LOST);
        }
    }

    @Test
    void newSpecStreamStatusesAreClassifiedByCode() throws Exception {
        assertThat(secondPostFails(
                                FakeHttpServer.json(410, "{\"error\":\"stream expired\",\"code\":\"STREAM_EXPIRED\"}"))
                        .reason())
                .isEqualTo(HranaException.Reason.STREAM_EXPIRED);
        assertThat(secondPostFails(FakeHttpServer.json(410, "{\"error\":\"stream lost\",\"code\":\"STREAM_LOST\"}"))
                        .reason())
                .isEqualTo(HranaException.Reason.STREAM_LOST);
        assertThat(secondPostFails(FakeHttpServer.json(
                                404, "{\"error\":\"no such stream\",\"code\":\"STREAM_NOT_FOUND\"}"))
                        .reason())
                .isEqualTo(HranaException.Reason.STREAM_LOST);
        assertThat(secondPostFails(FakeHttpServer.text(404, "text/plain", "Not Found"))
                        .reason())
                .describedAs("legacy bare 404 to a baton")
                .isEqualTo(HranaException.Reason.STREAM_LOST);
    }

    /** Opens a stream, then answers the second pipeline with {@code reply}; returns the failure. */
    private HranaException secondPostFails(FakeHttpServer.Reply reply) throws Exception {
        AtomicInteger posts = new AtomicInteger();
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        FakeHttpServer server =
                serve(r -> r.method().equals("POST") && posts.incrementAndGet() == 2 ? reply : hrana.handle(r));
        HranaStream stream = stream(server);
        stream.send(SELECT_1, TIMEOUT);
        try {
            stream.send(SELECT_1, TIMEOUT);
        } catch (HranaException e) {
            assertThat(stream.isBroken()).isTrue();
            assertThat(e.getMessage()).doesNotContain("baton-1").doesNotContain(TOKEN);
            return e;
        }
        throw new AssertionError("the second request did not fail");
    }
}
