package dev.libsqljpa.hrana.http;

import dev.libsqljpa.hrana.v3.codec.CursorDecoder;
import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import dev.libsqljpa.hrana.v3.codec.PipelineRowDecoder;
import dev.libsqljpa.hrana.v3.proto.CursorRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One database (base URL + token) reached through a shared {@link HranaTransport}. Thread-safe.
 * {@code toString} shows the URL, never the token.
 *
 * <p><b>Detection.</b> {@link #serverKind} posts {@code [execute "select sqlite_version()", close]} to
 * {@code <base>/v3/pipeline}; a 2xx answer that decodes as a pipeline answer with one result per request
 * means {@link ServerKind#FULL_V3}. Otherwise it posts the bare execute (no {@code close}: tursodb
 * fails a whole pipeline that holds one) to {@code <base>/v2/pipeline}; a 2xx answer there means
 * {@link ServerKind#MINIMAL} when its baton is null (no streams: tursodb) and {@link ServerKind#FULL_V2}
 * when it is not (the stream it opened is then closed with one more request). The version the probe's
 * statement returned is kept ({@link #serverVersion()}); an in-band error of that statement leaves it
 * unknown and detection still succeeds. 401/403 fail with {@code AUTH}; a 2xx body that is not such a
 * pipeline answer fails with {@code MALFORMED_RESPONSE}; any other combination (including 404 on both
 * paths) fails with {@code HTTP_STATUS}, or {@code RATE_LIMITED} for a lasting 429. Only a successful
 * detection is cached: after a connect failure or an error the next call probes again. An endpoint
 * created with a known kind never probes (and knows no version).
 *
 * <p><b>Retries.</b> Only failures where the server certainly did nothing are retried, with
 * exponential backoff (50 ms doubling to 1 s, {@code Retry-After} seconds honoured up to 2 s, at
 * most 4 attempts) and always inside the caller's timeout: a connect failure (nothing was sent), a
 * 429 answer to a detection probe, and a 429 answer to a pipeline without a baton (no server stream
 * exists yet). Nothing else is ever resent: not a timeout, not an I/O error after sending, not a 5xx,
 * and not a 429 to a request carrying a baton (sqld ends a stream on any non-200 answer).
 */
public final class HranaEndpoint {

    private static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1000;
    private static final long MAX_RETRY_WAIT_MS = 2000;
    /** Timeouts longer than this are clamped (a deadline in nanoseconds must not overflow). */
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private final HranaTransport transport;
    private final URI baseUri;
    private final String authToken;
    /** The {@code Authorization} header's value, or null without a token; never logged. */
    private final String authorization;

    private final boolean kindPreset;
    private final ReentrantLock detectLock = new ReentrantLock();
    private volatile ServerKind serverKind;
    /** {@code sqlite_version()} as the detection probe returned it; written before {@link #serverKind}. */
    private volatile String serverVersion;
    /** Racy but benign cache: a thread may build the URI twice, never use one of another base or kind. */
    private volatile PipelineTarget cachedPipeline;

    private record PipelineTarget(URI base, ServerKind kind, URI uri) {}

    HranaEndpoint(HranaTransport transport, URI baseUri, String authToken, ServerKind knownKind) {
        this.transport = transport;
        this.baseUri = baseUri;
        this.authToken = authToken;
        this.authorization = authToken == null ? null : "Bearer " + authToken;
        this.serverKind = knownKind;
        this.kindPreset = knownKind != null;
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The transport this endpoint belongs to. */
    public HranaTransport transport() {
        return transport;
    }

    /** The server family if it is already known (preset or detected), without any network access. */
    public Optional<ServerKind> knownServerKind() {
        return Optional.ofNullable(serverKind);
    }

    /**
     * The SQLite version ({@code sqlite_version()}) the server reported while its family was detected,
     * without any network access. Empty before detection, for a preset kind (no probe is sent), and
     * when the probe's statement failed.
     */
    public Optional<String> serverVersion() {
        return serverKind == null ? Optional.empty() : Optional.ofNullable(serverVersion);
    }

    /**
     * The server family, detected on first call (one small pipeline, at most three on a Hrana 2 server) and cached.
     * Concurrent first calls probe once.
     *
     * @param timeout time allowed for detection; null for the transport's request timeout
     * @throws HranaException if the server cannot be reached or answers unexpectedly
     */
    public ServerKind serverKind(Duration timeout) throws HranaException {
        ServerKind known = serverKind;
        return known != null ? known : serverKindWithin(deadline(timeout));
    }

    /**
     * {@link #serverKind(Duration)} within a caller's deadline (from {@link #deadline}), whose timeout the
     * messages then name.
     */
    public ServerKind serverKindWithin(Deadline deadline) throws HranaException {
        ServerKind known = serverKind;
        if (known != null) {
            return known;
        }
        deadline.lock(detectLock, "server detection by another thread");
        try {
            known = serverKind;
            if (known == null) {
                ServerDetection.Detected detected = detect(deadline);
                serverVersion = detected.version();
                known = detected.kind();
                serverKind = known;
            }
            return known;
        } finally {
            detectLock.unlock();
        }
    }

    /**
     * Low level: posts one pipeline to {@code <base><pipeline path>} and decodes the 200 answer.
     * The stream class of the {@code session} package is the API for callers; this method tracks no baton and does not check the
     * number of results. Retries as described in the class comment.
     *
     * @param streamBaseUrl the stream's {@code base_url} from an earlier answer, or null for this
     *     endpoint's base URI
     * @param timeout time allowed for the whole exchange including detection and retries; null for
     *     the transport's request timeout
     * @throws HranaException for any failure; {@code MALFORMED_RESPONSE} when a 200 body is not Hrana
     */
    public PipelineResponse postPipeline(URI streamBaseUrl, PipelineRequest request, Duration timeout)
            throws HranaException {
        Objects.requireNonNull(request, "request");
        return postPipelineWithin(streamBaseUrl, request, deadline(timeout));
    }

    /**
     * {@link #postPipeline(URI, PipelineRequest, Duration)} within a caller's deadline (from {@link #deadline}),
     * so that a stream's lock, detection and the exchange share it and a timeout names the caller's value.
     */
    public PipelineResponse postPipelineWithin(URI streamBaseUrl, PipelineRequest request, Deadline deadline)
            throws HranaException {
        Objects.requireNonNull(request, "request");
        ServerKind kind = serverKindWithin(deadline);
        URI uri = pipelineUri(streamBaseUrl == null ? baseUri : streamBaseUrl, kind);
        byte[] body = transport.json().encodeRequest(request);
        HttpRequest httpRequest = requestBuilder(uri, deadline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpCall.Answer answer = send(httpRequest, deadline, request.baton() == null);
        if (answer.status() != 200) {
            forgetKindIfPathGone(answer.status(), streamBaseUrl, kind);
            throw HttpErrors.fromStatus(
                    answer,
                    HttpCall.redact(uri),
                    request.baton() != null,
                    transport.json(),
                    authToken,
                    request.baton());
        }
        try {
            return transport.json().decodeResponse(answer.bodyStream());
        } catch (HranaCodecException e) {
            throw new HranaException(
                    HranaException.Reason.MALFORMED_RESPONSE,
                    "The answer from " + HttpCall.redact(uri)
                            + " is not valid Hrana JSON; the server may have processed the" + " request (HTTP 200): "
                            + HttpErrors.scrub(e.getMessage(), authToken, request.baton()),
                    200,
                    null,
                    true,
                    null,
                    e);
        }
    }

    /**
     * Low level: posts a batch to {@code <base>/v3/cursor} and returns once the head line (baton,
     * {@code base_url}) is read; the entries are read from the returned decoder as they arrive, and the
     * caller must close it. Only for {@link ServerKind#FULL_V3}. Not retried.
     *
     * @param timeout time allowed until the head line is read
     * @param readTimeout the longest wait for more of the body on any later read of an entry (a longer
     *     stall fails that read with {@link BodyReadTimeoutException} as the cause and aborts the exchange);
     *     null for the transport's request timeout
     * @throws HranaException for a non-200 answer (classified as for pipelines) or an unreadable head
     */
    public CursorDecoder postCursor(URI streamBaseUrl, CursorRequest request, Duration timeout, Duration readTimeout)
            throws HranaException {
        Objects.requireNonNull(request, "request");
        return postCursorWithin(streamBaseUrl, request, deadline(timeout), readTimeout);
    }

    /** {@link #postCursor(URI, CursorRequest, Duration, Duration)} within a caller's deadline (from {@link #deadline}). */
    public CursorDecoder postCursorWithin(
            URI streamBaseUrl, CursorRequest request, Deadline deadline, Duration readTimeout) throws HranaException {
        Objects.requireNonNull(request, "request");
        ServerKind kind = serverKindWithin(deadline);
        if (kind != ServerKind.FULL_V3) {
            throw new HranaException(
                    HranaException.Reason.UNSUPPORTED,
                    "The server at " + HttpCall.redact(baseUri)
                            + " has no cursor endpoint (Hrana 3 only); nothing was sent",
                    false,
                    null);
        }
        URI base = streamBaseUrl == null ? baseUri : streamBaseUrl;
        URI uri = URI.create(base + "/v3/cursor");
        String where = HttpCall.redact(uri);
        HttpRequest httpRequest = requestBuilder(uri, deadline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(transport.json().encodeCursorRequest(request)))
                .build();
        HttpCall.StreamingAnswer answer =
                transport.exchangeStreaming(httpRequest, deadline, effectiveTimeout(readTimeout));
        if (answer.status() != 200) {
            forgetKindIfPathGone(answer.status(), streamBaseUrl, kind);
            throw failedStreaming(answer, where, request.baton());
        }
        CursorDecoder decoder = null;
        try {
            decoder = transport.json().cursorDecoder(answer.body());
            decoder.head();
            return decoder;
        } catch (HranaCodecException e) {
            closeQuietly(decoder, answer.body());
            throw new HranaException(
                    HranaException.Reason.MALFORMED_RESPONSE,
                    "The cursor answer from " + where + " does not start with a valid head line; the server may have"
                            + " processed the request (HTTP 200): "
                            + HttpErrors.scrub(e.getMessage(), authToken, request.baton()),
                    200,
                    null,
                    true,
                    null,
                    e);
        }
    }

    /**
     * Low level, for servers without streams (tursodb): posts a pipeline of one {@code execute} or
     * {@code batch} request to {@code /v2/pipeline} and returns once the status and headers of a 200
     * answer are in; the caller reads the body as it arrives through the returned decoder and must
     * close it (closing before the end aborts the exchange). Not retried.
     *
     * @param timeout time allowed until the status and headers are in
     * @param readTimeout the longest wait for more of the body on any later read (a longer stall fails
     *     that read with {@link BodyReadTimeoutException} as the cause and aborts the exchange); null for
     *     the transport's request timeout
     * @throws HranaException for a non-200 answer (classified as for pipelines) or a failed exchange
     */
    public PipelineRowDecoder postPipelineStreaming(PipelineRequest request, Duration timeout, Duration readTimeout)
            throws HranaException {
        Objects.requireNonNull(request, "request");
        return postPipelineStreamingWithin(request, deadline(timeout), readTimeout);
    }

    /** {@link #postPipelineStreaming(PipelineRequest, Duration, Duration)} within a caller's deadline (from {@link #deadline}). */
    public PipelineRowDecoder postPipelineStreamingWithin(
            PipelineRequest request, Deadline deadline, Duration readTimeout) throws HranaException {
        Objects.requireNonNull(request, "request");
        ServerKind kind = serverKindWithin(deadline);
        URI uri = pipelineUri(baseUri, kind);
        HttpRequest httpRequest = requestBuilder(uri, deadline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(transport.json().encodeRequest(request)))
                .build();
        HttpCall.StreamingAnswer answer =
                transport.exchangeStreaming(httpRequest, deadline, effectiveTimeout(readTimeout));
        if (answer.status() != 200) {
            forgetKindIfPathGone(answer.status(), null, kind);
            throw failedStreaming(answer, HttpCall.redact(uri), null);
        }
        try {
            return transport.json().pipelineRowDecoder(answer.body());
        } catch (HranaCodecException e) {
            try {
                answer.body().close();
            } catch (IOException ignored) {
                // abandoned either way
            }
            throw new HranaException(
                    HranaException.Reason.IO,
                    "The answer from " + HttpCall.redact(uri) + " cannot be read; the server may have processed the"
                            + " request: " + e.getMessage(),
                    200,
                    null,
                    true,
                    null,
                    e);
        }
    }

    /**
     * A 404 on the pipeline path of the endpoint's own URL, for a kind that was detected (not preset): another
     * server may now answer at this URL (sqld replaced by tursodb, a test server's port reused), so the detected
     * kind and version are forgotten and the next caller detects again. The failed request stays failed: it was
     * built for the old kind, and its stream, if any, is gone with the old server.
     */
    private void forgetKindIfPathGone(int status, URI streamBaseUrl, ServerKind kind) {
        if (status != 404 || streamBaseUrl != null || kindPreset) {
            return;
        }
        detectLock.lock();
        try {
            if (serverKind == kind) {
                serverKind = null;
                serverVersion = null;
            }
        } finally {
            detectLock.unlock();
        }
    }

    /**
     * The error for a non-200 answer of a streamed exchange: its body (at most 64 KiB, then closed) read and
     * classified as for pipelines.
     *
     * @param baton the baton the request carried, or null
     */
    private HranaException failedStreaming(HttpCall.StreamingAnswer answer, String where, String baton) {
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readNBytes(64 * 1024);
        } catch (IOException e) {
            body = new byte[0];
        }
        return HttpErrors.fromStatus(
                new HttpCall.Answer(answer.status(), answer.headers(), body),
                where,
                baton != null,
                transport.json(),
                authToken,
                baton);
    }

    private static void closeQuietly(CursorDecoder decoder, InputStream body) {
        try {
            if (decoder != null) {
                decoder.close();
            } else {
                body.close();
            }
        } catch (IOException ignored) {
            // The answer is abandoned either way.
        }
    }

    /**
     * The pipeline URI under a base (this endpoint's, or a stream's {@code base_url}) for a kind, built once
     * while the base stays the same (it is the same for every request of a stream).
     */
    private URI pipelineUri(URI base, ServerKind kind) {
        PipelineTarget target = cachedPipeline;
        if (target == null
                || target.kind() != kind
                || (target.base() != base && !target.base().equals(base))) {
            target = new PipelineTarget(base, kind, URI.create(base.toString() + kind.pipelinePath()));
            cachedPipeline = target;
        }
        return target.uri();
    }

    /** The effective timeout for a caller's value: null means the transport default. */
    public Duration effectiveTimeout(Duration timeout) {
        Duration t = timeout == null ? transport.config().requestTimeout() : timeout;
        if (t.isZero() || t.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + t);
        }
        return t.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : t;
    }

    /** How long the first TLS attempt of a detection may take before the port is checked for plain HTTP. */
    private static final long TLS_FIRST_TRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    private static final int PLAIN_SNIFF_TIMEOUT_MS = 1000;

    private ServerDetection.Detected detect(Deadline deadline) throws HranaException {
        if (!"https".equals(baseUri.getScheme())) {
            return detectKind(deadline);
        }
        // HTTPS to a port that speaks plain HTTP: many plain servers never answer a TLS ClientHello, so
        // the handshake would wait for the whole timeout. Try TLS briefly first; if that fails or
        // stalls, ask the port in plain HTTP and, if it answers, fail at once with the fix.
        // The short first try keeps the caller's timeout, which messages name.
        Deadline firstTry = deadline.remainingNanos() <= TLS_FIRST_TRY_NANOS
                ? deadline
                : new Deadline(System.nanoTime() + TLS_FIRST_TRY_NANOS, deadline.timeout());
        try {
            return detectKind(firstTry);
        } catch (HranaException e) {
            boolean transportFailure = e.reason() == HranaException.Reason.TIMEOUT
                    || e.reason() == HranaException.Reason.CONNECT
                    || e.reason() == HranaException.Reason.IO;
            if (!transportFailure) {
                throw e;
            }
            if (speaksPlainHttp()) {
                int port = baseUri.getPort() < 0 ? 443 : baseUri.getPort();
                throw new HranaException(
                        HranaException.Reason.CONNECT,
                        "The TLS handshake with " + baseUri.getHost() + ":" + port + " failed: the server there "
                                + "speaks plain HTTP, not HTTPS. Use an http:// URL (JDBC: jdbc:libsql:http://"
                                + baseUri.getHost() + ":" + port + " or jdbc:libsql://" + baseUri.getHost() + ":"
                                + port + "?tls=0)",
                        false,
                        e);
            }
            if (firstTry.equals(deadline) || e.reason() != HranaException.Reason.TIMEOUT) {
                throw e;
            }
            return detectKind(deadline); // a slow TLS server: give it the rest of the time
        }
    }

    /**
     * Sends {@code GET / HTTP/1.1} in clear text (no token, no body) and reports whether the answer starts
     * like HTTP. Only used after a TLS attempt failed, so a TLS port that also answers plain text (nginx
     * says 400 there) is never reached with a working TLS server.
     */
    private boolean speaksPlainHttp() {
        int port = baseUri.getPort() < 0 ? 443 : baseUri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(baseUri.getHost(), port), PLAIN_SNIFF_TIMEOUT_MS);
            socket.setSoTimeout(PLAIN_SNIFF_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + baseUri.getHost() + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] head = socket.getInputStream().readNBytes(7);
            return new String(head, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private ServerDetection.Detected detectKind(Deadline deadline) throws HranaException {
        return new ServerDetection(baseUri, authToken, transport.json(), this::postProbe).run(deadline);
    }

    /** A detection request: posted like a pipeline, a 429 retried only when no baton is carried. */
    private HttpCall.Answer postProbe(URI uri, byte[] body, Deadline deadline, boolean carriesBaton)
            throws HranaException {
        HttpRequest request = requestBuilder(uri, deadline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request, deadline, !carriesBaton);
    }

    private HttpRequest.Builder requestBuilder(URI uri, Deadline deadline) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("User-Agent", transport.config().userAgent())
                // Backstop only: HttpCall enforces the deadline over the whole exchange.
                .timeout(deadline.remaining().plusSeconds(1));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** One exchange with the retries of the class comment; returns the last answer (maybe a 429). */
    private HttpCall.Answer send(HttpRequest request, Deadline deadline, boolean retry429) throws HranaException {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            HttpCall.Answer answer;
            Long retryAfter;
            HranaException failure;
            try {
                answer = transport.exchange(request, deadline);
                if (answer.status() != 429 || !retry429) {
                    return answer;
                }
                retryAfter = HttpErrors.retryAfterSeconds(answer).orElse(null);
                failure = null;
            } catch (HranaException e) {
                if (e.reason() != HranaException.Reason.CONNECT) {
                    throw e;
                }
                answer = null;
                retryAfter = null;
                failure = e;
            }
            long waitMs = retryAfter != null ? TimeUnit.SECONDS.toMillis(retryAfter) : backoff;
            boolean retry = attempt < MAX_ATTEMPTS
                    && waitMs <= MAX_RETRY_WAIT_MS
                    && TimeUnit.MILLISECONDS.toNanos(waitMs) < deadline.remainingNanos();
            if (!retry) {
                if (failure != null) {
                    throw failure;
                }
                return answer;
            }
            pause(waitMs, failure);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /**
     * The back-off before retrying a request the server did not process (429, refused connection).
     * Ends early, with {@code CLOSED}, when the transport is closed meanwhile.
     */
    private void pause(long millis, HranaException pending) throws HranaException {
        try {
            if (transport.awaitClose(millis)) {
                HranaException closed = new HranaException(
                        HranaException.Reason.CLOSED,
                        "The Hrana transport was closed while waiting to retry a request",
                        false,
                        null);
                if (pending != null) {
                    closed.addSuppressed(pending);
                }
                throw closed;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HranaException interrupted = new HranaException(
                    HranaException.Reason.IO,
                    "Interrupted while waiting to retry a request that the server did not process",
                    false,
                    e);
            if (pending != null) {
                interrupted.addSuppressed(pending);
            }
            throw interrupted;
        }
    }

    /** The deadline for a caller's timeout ({@link #effectiveTimeout}) starting now. */
    public Deadline deadline(Duration timeout) {
        return Deadline.in(effectiveTimeout(timeout));
    }

    @Override
    public String toString() {
        ServerKind kind = serverKind;
        return "HranaEndpoint[" + HttpCall.redact(baseUri) + ", token=" + (authToken == null ? "none" : "<redacted>")
                + ", serverKind=" + (kind == null ? "unknown" : kind + (kindPreset ? " (preset)" : "")) + "]";
    }
}
