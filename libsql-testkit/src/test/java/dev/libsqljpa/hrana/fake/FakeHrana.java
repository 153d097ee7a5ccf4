package dev.libsqljpa.hrana.fake;

import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.testkit.internal.ServerJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small scripted Hrana server for {@link FakeHttpServer}: serves the pipeline path of the chosen
 * server family only (404 elsewhere, as a server of that family would answer the detection probes),
 * answers {@code select sqlite_version()} with {@link #VERSION} and every other pipeline request with
 * an {@code ok} result of its type,
 * issuing a fresh baton per answer ({@code baton-1}, {@code baton-2}, ...) and none after
 * {@code close}. Records protocol violations it sees (stale baton, {@code close} not last).
 */
public final class FakeHrana implements FakeHttpServer.Handler {

    /** Which pipeline path the fake serves, and how it answers {@code GET /v3} and {@code GET /v2}. */
    public enum Family {
        V3,
        V2,
        MINIMAL
    }

    /** What the fake answers to {@code select sqlite_version()}. */
    public static final String VERSION = "3.45.1";

    private static final ServerJson SERVER = new ServerJson();

    private final Family family;
    private final AtomicInteger batons = new AtomicInteger();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private volatile String latestBaton;

    public FakeHrana(Family family) {
        this.family = family;
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** An empty statement result with one column and one row holding {@code marker}. */
    public static StmtResult result(long marker) {
        return new StmtResult(
                List.of(new Col("x", "INTEGER")), List.of(List.of(Value.of(marker))), 0, null, null, 0, 0, null);
    }

    /** A 200 answer with one {@code ok} result per request type. */
    public static byte[] answer(String baton, String baseUrl, List<String> types) {
        List<StreamResult> results = new ArrayList<>();
        for (String type : types) {
            results.add(new StreamResult.Ok(response(type)));
        }
        return SERVER.encodeResponse(new PipelineResponse(baton, baseUrl, results));
    }

    public static byte[] answer(String baton, List<StreamRequest> requests) {
        List<StreamResult> results = new ArrayList<>();
        for (StreamRequest request : requests) {
            results.add(new StreamResult.Ok(
                    isVersionQuery(request) ? new StreamResponse.Execute(text(VERSION)) : response(request.type())));
        }
        return SERVER.encodeResponse(new PipelineResponse(baton, null, results));
    }

    private static boolean isVersionQuery(StreamRequest request) {
        return request instanceof ExecuteStreamReq execute
                && "select sqlite_version()".equals(execute.stmt().sql());
    }

    /** A statement result with one text column and one row holding {@code value}. */
    public static StmtResult text(String value) {
        return new StmtResult(
                List.of(new Col("v", null)), List.of(List.of(Value.of(value))), 0, null, null, 0, 0, null);
    }

    public static StreamResponse response(String type) {
        return switch (type) {
            case "execute" -> new StreamResponse.Execute(result(1));
            case "batch" ->
                new StreamResponse.Batch(new BatchResult(List.of(result(1)), Collections.singletonList(null)));
            case "sequence" -> new StreamResponse.Sequence();
            case "store_sql" -> new StreamResponse.StoreSql();
            case "close_sql" -> new StreamResponse.CloseSql();
            case "close" -> new StreamResponse.Close();
            case "get_autocommit" -> new StreamResponse.GetAutocommit(true);
            default -> throw new IllegalArgumentException(type);
        };
    }

    public static PipelineRequest decode(FakeHttpServer.Request request) throws Exception {
        return SERVER.decodeRequest(request.body());
    }

    @Override
    public FakeHttpServer.Reply handle(FakeHttpServer.Request request) throws Exception {
        if (request.method().equals("GET")) {
            return probe(request.path());
        }
        if (!request.method().equals("POST") || !request.path().equals(pipelinePath())) {
            return FakeHttpServer.text(404, "text/plain", "Not Found");
        }
        PipelineRequest pipeline = decode(request);
        if (family == Family.MINIMAL) {
            for (StreamRequest r : pipeline.requests()) {
                if (!(r.type().equals("execute") || r instanceof BatchStreamReq)) {
                    violations.add("minimal server got " + r.type());
                    return FakeHttpServer.text(
                            500, "text/plain", "Failed to parse pipeline request: unknown variant `" + r.type() + "`");
                }
            }
            return FakeHttpServer.json(200, answer(pipeline.baton(), pipeline.requests()));
        }
        if (pipeline.baton() != null && !pipeline.baton().equals(latestBaton)) {
            violations.add("stale or unknown baton");
            return FakeHttpServer.text(400, "text/plain", "Received an invalid baton");
        }
        List<StreamRequest> reqs = pipeline.requests();
        for (int i = 0; i < reqs.size() - 1; i++) {
            if (reqs.get(i).type().equals("close")) {
                violations.add("close not last");
            }
        }
        boolean closes = !reqs.isEmpty() && reqs.get(reqs.size() - 1).type().equals("close");
        String next = closes ? null : "baton-" + batons.incrementAndGet();
        if (next != null) {
            issued.add(next);
        }
        latestBaton = next;
        return FakeHttpServer.json(200, answer(next, reqs));
    }

    private String pipelinePath() {
        return family == Family.V3 ? "/v3/pipeline" : "/v2/pipeline";
    }

    private FakeHttpServer.Reply probe(String path) {
        boolean ok = (family == Family.V3 && (path.equals("/v3") || path.equals("/v2")))
                || (family == Family.V2 && path.equals("/v2"));
        return ok
                ? FakeHttpServer.text(200, "text/plain", "Hello, this is HTTP API " + path)
                : FakeHttpServer.text(404, "text/plain", "Not Found");
    }
}
