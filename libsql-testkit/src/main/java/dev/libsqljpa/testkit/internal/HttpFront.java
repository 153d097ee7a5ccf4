package dev.libsqljpa.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import dev.libsqljpa.hrana.v3.proto.CursorEntry;
import dev.libsqljpa.hrana.v3.proto.CursorHead;
import dev.libsqljpa.hrana.v3.proto.CursorRequest;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP surface of the test server, as sqld shows it: {@code GET /v2}, {@code /v3} (greeting),
 * {@code /health}, {@code /version}; {@code POST /v2/pipeline}, {@code /v3/pipeline}, {@code /v3/cursor}; the same under
 * {@code /dev/<namespace>}. Statuses and bodies follow sqld: 400 text for protocol errors, 400 JSON
 * for an expired stream, {@code {"error": ...}} for 401/404/413/429/500.
 */
public final class HttpFront implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());

    static final String GREETING = "Hello, this is HTTP API v2 (Hrana over HTTP)";
    private static final Pattern DEV_PATH = Pattern.compile("/dev/([^/]*)(/.*)?");
    private static final String JSON = "application/json";
    /** Exactly {@code text/plain}, as sqld sends it: @libsql/hrana-client quotes the body only for that type. */
    private static final String TEXT = "text/plain";

    private final ServerCore core;
    private final PipelineProcessor processor;
    private final Runnable onHalt;
    private final String version;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ObjectMapper peekMapper = new ObjectMapper();

    public HttpFront(ServerCore core, String version, Runnable onHalt) {
        this.core = core;
        this.processor = new PipelineProcessor(core);
        this.version = version;
        this.onHalt = onHalt;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        core.counters.httpRequests.incrementAndGet();
        try {
            route(exchange);
        } catch (HaltException halt) {
            // Like a crash: no answer at all. Stopping the HTTP server closes this connection too.
            onHalt.run();
            exchange.close();
        } catch (HttpErrorException e) {
            if (e.status() == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            send(exchange, e.status(), e.contentType(), e.body());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "I/O error while answering a request", e);
            exchange.close();
        } catch (RuntimeException | SQLException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error while answering a request", e);
            sendError(exchange, 500, "Internal server error: " + e.getClass().getSimpleName());
        }
    }

    private void route(HttpExchange exchange) throws IOException, HttpErrorException, SQLException {
        String path = exchange.getRequestURI().getRawPath();
        String namespace = Namespace.DEFAULT;
        Matcher dev = DEV_PATH.matcher(path);
        if (dev.matches()) {
            namespace = dev.group(1);
            path = dev.group(2) == null ? "" : dev.group(2);
            String reason = Namespace.invalidReason(namespace);
            if (reason != null) {
                throw error(400, "Invalid namespace name '" + abbreviate(namespace) + "': " + reason);
            }
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        switch (path) {
            case "/v2", "/v3" -> get(method, exchange, GREETING.getBytes(StandardCharsets.UTF_8));
            case "/health" -> get(method, exchange, new byte[0]);
            case "/version" -> get(method, exchange, version.getBytes(StandardCharsets.UTF_8));
            case "/v2/pipeline" -> {
                requireMethod(method, "POST");
                pipeline(exchange, namespace, 2);
            }
            case "/v3/pipeline" -> {
                requireMethod(method, "POST");
                pipeline(exchange, namespace, 3);
            }
            case "/v3/cursor" -> {
                requireMethod(method, "POST");
                cursor(exchange, namespace);
            }
            default ->
                throw error(
                        404, "Not found: " + abbreviate(exchange.getRequestURI().getRawPath()));
        }
    }

    private void get(String method, HttpExchange exchange, byte[] body) throws IOException, HttpErrorException {
        requireMethod(method, "GET");
        send(exchange, 200, TEXT, body);
    }

    private void requireMethod(String method, String allowed) throws HttpErrorException {
        if (!method.equals(allowed) && !(allowed.equals("GET") && method.equals("HEAD"))) {
            throw error(405, "Method " + abbreviate(method) + " is not allowed here; use " + allowed);
        }
    }

    private void pipeline(HttpExchange exchange, String namespaceName, int protocolVersion)
            throws IOException, HttpErrorException, SQLException {
        if (inFlight.incrementAndGet() > core.config.maxInFlightRequests()) {
            inFlight.decrementAndGet();
            throw error(429, "Too many concurrent requests");
        }
        byte[] answer;
        try {
            Admitted<PipelineRequest> admitted =
                    admit(exchange, namespaceName, core.json::decodeRequest, PipelineRequest::baton);
            PipelineRequest request = admitted.request();
            ServerStream stream = admitted.stream();
            PipelineProcessor.Outcome outcome;
            try {
                outcome = processor.run(stream, request.requests(), protocolVersion);
            } catch (ProtocolException e) {
                core.kill(stream);
                throw new HttpErrorException(400, TEXT, e.getMessage().getBytes(StandardCharsets.UTF_8));
            } catch (SQLException | RuntimeException e) {
                if (!(e instanceof HaltException)) {
                    core.kill(stream);
                }
                throw e;
            }
            String baton = core.release(stream, outcome.closed());
            answer = core.json.encodeResponse(new PipelineResponse(baton, null, outcome.results()));
        } finally {
            // Processing is over before the answer leaves, so a client's next request is never refused.
            inFlight.decrementAndGet();
        }
        send(exchange, 200, JSON, answer);
    }

    /** A request admitted to a stream: its decoded body and the stream it opened or continues. */
    private record Admitted<R>(R request, ServerStream stream) {}

    /** Decodes one kind of request body. */
    private interface RequestDecoder<R> {
        R decode(byte[] body) throws HranaCodecException;
    }

    /**
     * The part of {@code /pipeline} and {@code /cursor} that precedes the work: auth, body, counters,
     * decoding (a body that cannot be decoded ends the stream its baton names, as sqld does) and the
     * stream (opened without a baton, else continued).
     */
    private <R> Admitted<R> admit(
            HttpExchange exchange, String namespaceName, RequestDecoder<R> decoder, Function<R, String> batonOf)
            throws IOException, HttpErrorException, SQLException {
        checkAuth(exchange);
        byte[] body = readBody(exchange);
        Namespace namespace = core.namespace(namespaceName);
        core.counters.pipelineRequests.incrementAndGet();
        namespace.counters.httpRequests.incrementAndGet();
        namespace.counters.pipelineRequests.incrementAndGet();
        R request;
        try {
            request = decoder.decode(body);
        } catch (HranaCodecException e) {
            String baton = peekBaton(body);
            if (baton != null) {
                core.killByBaton(baton, namespace);
            }
            throw new HttpErrorException(
                    400,
                    TEXT,
                    ("Cannot deserialize client message from JSON: " + e.getMessage())
                            .getBytes(StandardCharsets.UTF_8));
        }
        String baton = batonOf.apply(request);
        try {
            ServerStream stream = baton == null ? core.openStream(namespace) : core.acquire(baton, namespace);
            return new Admitted<>(request, stream);
        } catch (ProtocolException e) {
            throw new HttpErrorException(400, TEXT, e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code POST /v3/cursor}: the head line (with the stream's next baton, issued before the batch
     * runs) and then one line per entry, written as SQLite produces the rows (chunked, nothing kept), so
     * the 10 MiB limit of pipeline answers does not apply. Counted as a pipeline request. The stream is
     * busy while the batch runs and is released (killed after a protocol error) before the last entry is
     * written: a client sends its next request as soon as it has read that entry, and sqld (which
     * releases the stream before the head) never refuses it as a reused baton.
     */
    private void cursor(HttpExchange exchange, String namespaceName)
            throws IOException, HttpErrorException, SQLException {
        if (inFlight.incrementAndGet() > core.config.maxInFlightRequests()) {
            inFlight.decrementAndGet();
            throw error(429, "Too many concurrent requests");
        }
        try {
            Admitted<CursorRequest> admitted =
                    admit(exchange, namespaceName, core.json::decodeCursorRequest, CursorRequest::baton);
            CursorRequest request = admitted.request();
            ServerStream stream = admitted.stream();
            exchange.getResponseHeaders().set("Content-Type", JSON);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                out.write(core.json.encodeCursorHead(new CursorHead(core.nextBaton(stream), null)));
                CursorEntry last;
                boolean ok = false;
                try {
                    last = processor.runCursor(
                            stream, request.batch(), 3, entry -> out.write(core.json.encodeCursorEntry(entry)));
                    ok = true;
                } catch (ProtocolException e) {
                    last = new CursorEntry.Error(new HranaError(e.getMessage(), null));
                } finally {
                    if (ok) {
                        core.release(stream, false);
                    } else {
                        core.kill(stream);
                    }
                }
                out.write(core.json.encodeCursorEntry(last));
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private String peekBaton(byte[] body) {
        try {
            JsonNode root = peekMapper.readTree(body);
            JsonNode baton = root == null ? null : root.get("baton");
            return baton != null && baton.isTextual() ? baton.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private void checkAuth(HttpExchange exchange) throws HttpErrorException {
        String token = core.config.authToken();
        if (token == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            throw error(401, "Authentication required: send the header 'Authorization: Bearer <token>'");
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw error(401, "Unsupported authorization scheme; use 'Bearer <token>'");
        }
        byte[] given = header.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
            throw error(401, "Authentication failed: the bearer token is not valid");
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException, HttpErrorException {
        long limit = core.config.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw error(400, "Invalid Content-Length header");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try (InputStream in = exchange.getRequestBody()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                if (out.size() > limit) {
                    throw tooLarge(limit);
                }
            }
        }
        return out.toByteArray();
    }

    private HttpErrorException tooLarge(long limit) {
        return error(413, "Request body is too large: the limit is " + limit + " bytes");
    }

    private HttpErrorException error(int status, String message) {
        return new HttpErrorException(status, JSON, core.json.encodeErrorField(message));
    }

    private void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON, core.json.encodeErrorField(message));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
