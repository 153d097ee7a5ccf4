package dev.libsqljpa.hrana.http;

import dev.libsqljpa.hrana.v3.codec.HranaJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shared JDK {@link java.net.http.HttpClient} (HTTP/1.1, keep-alive) for all connections of
 * one driver or DataSource configuration. Thread-safe. Endpoints are cached by base URI and token,
 * so the server-family detection happens once per endpoint.
 *
 * <p>The client speaks HTTP/1.1 only (tursodb does not speak HTTP/2), never follows redirects
 * (a redirect would carry the token elsewhere), sends fixed-length bodies (tursodb cannot read
 * chunked ones) and no {@code Expect: 100-continue}. Its threads are daemon threads owned by this
 * transport and stopped by {@link #close()}; there is no static state.
 */
public final class HranaTransport implements AutoCloseable {

    private static final AtomicInteger TRANSPORT_IDS = new AtomicInteger();

    private final HranaTransportConfig config;
    private final HranaJson json = new HranaJson();
    private final ExecutorService executor;
    private final Watchdog watchdog;
    /** Collects a whole answer up to the size limit; one handler for every exchange. */
    private final HttpResponse.BodyHandler<HttpCall.Body> cappedBody;

    private final ConcurrentMap<EndpointKey, HranaEndpoint> endpoints = new ConcurrentHashMap<>();
    private volatile HttpClient client;
    private final CountDownLatch closedSignal = new CountDownLatch(1);

    public HranaTransport(HranaTransportConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        int id = TRANSPORT_IDS.incrementAndGet();
        this.executor = Executors.newCachedThreadPool(daemonThreads("libsql-hrana-http-" + id));
        this.watchdog = new Watchdog("libsql-hrana-watchdog-" + id);
        long max = config.maxResponseBytes();
        this.cappedBody = info -> HttpCall.cappedBody(info, max);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    public HranaTransportConfig config() {
        return config;
    }

    /**
     * The endpoint for a database.
     *
     * @param baseUri {@code http(s)://host[:port][/path]}: the pipeline paths are appended to it
     * @param authToken bearer token, or null for none; never logged or shown in messages
     * @throws IllegalArgumentException if the URI is not an absolute http(s) URI without user info,
     *     query or fragment, or the token contains control characters
     */
    public HranaEndpoint endpoint(URI baseUri, String authToken) {
        return endpoint(baseUri, authToken, null);
    }

    /**
     * The endpoint for a database whose server family is known in advance, so no detection probe is
     * ever sent (for example {@link ServerKind#MINIMAL} for a tursodb configured by the user).
     * Endpoints with and without a preset kind are cached separately.
     *
     * @param knownKind the server family, or null to detect it on first use
     */
    public HranaEndpoint endpoint(URI baseUri, String authToken, ServerKind knownKind) {
        URI base = normalize(baseUri);
        String token = authToken == null || authToken.isEmpty() ? null : authToken;
        if (token != null) {
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException(
                            "The auth token contains a control character (at index " + i + ")");
                }
            }
        }
        return endpoints.computeIfAbsent(
                new EndpointKey(base.toString(), token, knownKind),
                k -> new HranaEndpoint(this, base, token, knownKind));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return client == null;
    }

    /**
     * Releases the HTTP client where the JDK allows it; later requests fail with {@code CLOSED}.
     * Requests in flight are cancelled (their callers get {@code CLOSED} with
     * {@code mayHaveBeenProcessed}) and this transport's threads are stopped. Idempotent.
     */
    @Override
    public void close() {
        client = null;
        closedSignal.countDown();
        endpoints.clear();
        watchdog.close();
        executor.shutdownNow();
    }

    /**
     * Waits until this transport is closed or the time has passed, whichever comes first.
     *
     * @return true if the transport was closed
     */
    boolean awaitClose(long millis) throws InterruptedException {
        return closedSignal.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * One HTTP exchange on the shared client, bounded by the deadline over connect, request, headers
     * and the whole body (the JDK's own request timeout stops at the headers), with the response size
     * capped while it is read. {@link #close()} cancels it.
     *
     * <p>The exchange runs in the caller's thread through the client's blocking {@code send}: its
     * {@code sendAsync} completes every answer once more on the common pool (a new thread per answer where
     * that pool has a single worker, as on two cores), which cost more CPU than the exchange itself. The
     * {@link Watchdog} interrupts the caller when the deadline passes or the transport is closed; the client
     * then cancels the exchange.
     *
     * @throws HranaException {@code TIMEOUT}, {@code CONNECT}, {@code IO}, {@code CLOSED} or
     *     {@code MALFORMED_RESPONSE} (too large), saying whether the server may have processed it
     */
    HttpCall.Answer exchange(HttpRequest request, Deadline deadline) throws HranaException {
        HttpResponse<HttpCall.Body> response =
                send(request, deadline, cappedBody, config.maxResponseBytes(), "complete answer");
        return new HttpCall.Answer(response.statusCode(), response.headers(), response.body());
    }

    /**
     * Like {@link #exchange}, but returns as soon as the status and headers are in (within the deadline, which
     * covers connect, request and headers); the caller reads the body as it arrives. Used for cursor answers and
     * streamed pipeline answers, which are as long as the result. It runs in the caller's thread like
     * {@link #exchange} (no thread per exchange). Every read of the body that waits for the network waits at
     * most {@code readTimeout} ({@link TimedBody}); a read that times out fails with
     * {@link BodyReadTimeoutException} and aborts the exchange.
     */
    HttpCall.StreamingAnswer exchangeStreaming(HttpRequest request, Deadline deadline, Duration readTimeout)
            throws HranaException {
        String where = HttpCall.redact(request.uri());
        long readNanos = readTimeout.toNanos();
        HttpResponse<InputStream> response =
                send(request, deadline, info -> new TimedBody(readNanos, where), Long.MAX_VALUE, "answer");
        return new HttpCall.StreamingAnswer(response.statusCode(), response.headers(), response.body());
    }

    /**
     * The blocking exchange both kinds share: the client's {@code send} in the caller's thread, which the
     * {@link Watchdog} interrupts at the deadline or on {@link #close()}.
     *
     * @param awaited what the deadline waits for, for the timeout message ("complete answer")
     */
    private <T> HttpResponse<T> send(
            HttpRequest request,
            Deadline deadline,
            HttpResponse.BodyHandler<T> handler,
            long maxResponseBytes,
            String awaited)
            throws HranaException {
        HttpClient current = usableClient(request, deadline);
        HttpResponse<T> response;
        Watchdog.Call call = watchdog.enter(deadline.atNanos());
        try {
            response = current.send(request, handler);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw failed(e, watchdog.leave(call), HttpCall.redact(request.uri()), deadline, maxResponseBytes, awaited);
        } catch (Error e) {
            watchdog.leave(call);
            throw e;
        }
        Watchdog.Abort late = watchdog.leave(call);
        if (late == Watchdog.Abort.CLOSED && response.body() instanceof InputStream body) {
            // Closed just as the headers came: the rest of a body that is still arriving is not read.
            try {
                body.close();
            } catch (IOException ignored) {
                // abandoned either way
            }
            throw HttpCall.closedWhileWaiting(HttpCall.redact(request.uri()), null);
        }
        // Any other abort after the answer (or its headers) arrived changes nothing: it came in time.
        return response;
    }

    /** The client, unless this transport is closed or the deadline passed before anything was sent. */
    private HttpClient usableClient(HttpRequest request, Deadline deadline) throws HranaException {
        HttpClient current = client;
        if (current == null) {
            throw new HranaException(HranaException.Reason.CLOSED, "The Hrana transport is closed", false, null);
        }
        if (deadline.passed()) {
            throw new HranaException(
                    HranaException.Reason.TIMEOUT,
                    "Timed out before the request to " + HttpCall.redact(request.uri()) + " could be sent",
                    false,
                    null);
        }
        return current;
    }

    /** The failure of a blocking exchange: the watchdog's abort, the application's interrupt, or the client's failure. */
    private HranaException failed(
            Exception e, Watchdog.Abort abort, String where, Deadline deadline, long max, String awaited) {
        if (abort == Watchdog.Abort.TIMEOUT) {
            return new HranaException(
                    HranaException.Reason.TIMEOUT,
                    "No " + awaited + " from " + where + " within the timeout (" + deadline.timeoutText()
                            + "); the server may still process the request",
                    true,
                    e);
        }
        if (abort == Watchdog.Abort.CLOSED) {
            return HttpCall.closedWhileWaiting(where, e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new HranaException(
                    HranaException.Reason.IO,
                    "Interrupted while waiting for the answer from " + where
                            + "; the server may have processed the request",
                    true,
                    e);
        }
        if (e instanceof RuntimeException) {
            return new HranaException(
                    HranaException.Reason.CONNECT,
                    "Could not send the request to " + where + ": " + e.getMessage(),
                    false,
                    e);
        }
        HttpCall.rethrowError(e);
        if (isClosed()) {
            // close() cancelled the exchange; the JDK reports that as whatever failure it saw first.
            return HttpCall.closedWhileWaiting(where, e);
        }
        return HttpCall.classify(e, where, max);
    }

    HranaJson json() {
        return json;
    }

    @Override
    public String toString() {
        return "HranaTransport[" + config + (isClosed() ? ", closed" : "") + ", endpoints=" + endpoints.size() + "]";
    }

    static URI normalize(URI uri) {
        Objects.requireNonNull(uri, "baseUri");
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("The database URL must be an absolute http:// or https:// URL, was "
                    + (uri.isAbsolute() ? HttpCall.redact(uri) : "a relative URL"));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The database URL has no host: " + HttpCall.redact(uri));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The database URL must not contain user info; pass the auth token"
                    + " separately: " + HttpCall.redact(uri));
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("The database URL's port " + uri.getPort()
                    + " is out of range (1 to 65535): " + HttpCall.redact(uri));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "The database URL must not have a query or fragment: " + HttpCall.redact(uri));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid database URL " + HttpCall.redact(uri), e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Cache key; {@code toString} never shows the token. */
    private record EndpointKey(String baseUri, String token, ServerKind knownKind) {
        @Override
        public String toString() {
            return "EndpointKey[" + baseUri + ", token=" + (token == null ? "none" : "<redacted>") + ", kind="
                    + knownKind + "]";
        }
    }
}
