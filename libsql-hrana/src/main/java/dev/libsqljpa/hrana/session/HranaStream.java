package dev.libsqljpa.hrana.session;

import dev.libsqljpa.hrana.http.Deadline;
import dev.libsqljpa.hrana.http.HranaEndpoint;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.v3.codec.CursorDecoder;
import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import dev.libsqljpa.hrana.v3.codec.PipelineRowDecoder;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.CursorHead;
import dev.libsqljpa.hrana.v3.proto.CursorRequest;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.GetAutocommitStreamReq;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client-side Hrana stream: at most one server stream at a time, requests serialised (the spec
 * allows one request in flight per stream), baton and {@code base_url} tracked. Thread-safe.
 *
 * <p>Lifecycle: a fresh handle holds no server stream. {@link #send} opens one (null baton) or
 * continues it and keeps the new baton; {@link #sendAndClose} appends {@code close} so the server
 * stream ends in the same HTTP request. After a server stream ends this handle can start a new one
 * with the next {@code send}, unless it is {@link #isBroken() broken}. A null baton in an answer
 * means the server ended the stream. A {@code base_url} in an answer is used for the rest of that
 * server stream (an https stream is never moved to plain http).
 *
 * <p>On a {@link ServerKind#MINIMAL} server there are no streams: nothing is ever appended,
 * {@code close} is never sent, and only execute/batch requests are allowed (others fail with
 * {@link HranaException.Reason#UNSUPPORTED} before anything is sent). On
 * {@link ServerKind#FULL_V2} {@code get_autocommit} and the {@code is_autocommit} condition fail
 * the same way.
 *
 * <p>Failures: any non-200 answer, timeout or I/O error on a request that carried a baton ends the
 * server stream; the handle becomes broken (the server may have rolled back or applied the
 * work) and every later call fails with {@link HranaException.Reason#CLOSED} until {@link #reset}.
 * A connect failure does not break the handle (nothing reached the server). A request is never
 * resent once it may have reached the server (retries: {@link HranaEndpoint}). An answer whose
 * number of results differs from the number of requests sent fails with
 * {@link HranaException.Reason#MALFORMED_RESPONSE}.
 *
 * <p>{@code toString} never shows the baton.
 */
public final class HranaStream implements AutoCloseable {

    private final HranaEndpoint endpoint;
    private final ReentrantLock lock = new ReentrantLock();
    // Written under the lock; volatile so the state queries need not take it.
    private volatile String baton;
    private volatile URI baseUrl;
    private volatile String brokenBecause;
    private volatile boolean closed;
    private volatile HranaCursor activeCursor;
    private volatile HranaException pendingCursorFailure;
    private volatile HranaRows activeRows;

    /** A new handle on the endpoint. Sends nothing: the server stream is opened by the first request. */
    public HranaStream(HranaEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The endpoint this stream talks to. */
    public HranaEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The server family of this stream's endpoint, detecting it (with the transport's request
     * timeout) if no call has yet. Call {@link HranaEndpoint#serverKind(Duration)} first to get a
     * checked exception instead.
     *
     * @throws UncheckedIOException wrapping the {@link HranaException} if detection fails
     */
    public ServerKind serverKind() {
        try {
            return endpoint.serverKind(null);
        } catch (HranaException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Sends the requests in one pipeline and keeps the server stream open. With an empty list and
     * no open server stream, sends nothing.
     *
     * @param requests the requests; must not contain {@code close} (use {@link #sendAndClose})
     * @param timeout time allowed for the whole HTTP exchange; null for the transport default
     * @return one result per request, in order
     */
    public List<StreamResult> send(List<StreamRequest> requests, Duration timeout) throws HranaException {
        return exchange(requests, false, timeout);
    }

    /**
     * Sends the requests followed by {@code close} in one pipeline (on full servers), ending the
     * server stream. Returns the results of the given requests only (the close result is checked
     * and dropped; an in-band error of {@code close} only means the server will expire the stream
     * itself). With an empty list and no open server stream, sends nothing.
     */
    public List<StreamResult> sendAndClose(List<StreamRequest> requests, Duration timeout) throws HranaException {
        return exchange(requests, true, timeout);
    }

    /** Whether a server stream is open (a baton is held). Always false on minimal servers. */
    public boolean isOpen() {
        return baton != null;
    }

    /** Whether an earlier failure left the server stream in an unknown state. */
    public boolean isBroken() {
        return brokenBecause != null;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Forgets a broken or open server stream without contacting the server. */
    public void reset() {
        lock.lock();
        try {
            forget();
            brokenBecause = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the server stream if one is open (one request carrying only {@code close}); idempotent.
     * The handle is closed afterwards, even if the request fails: later calls fail with
     * {@link HranaException.Reason#CLOSED}. A broken stream is not contacted.
     */
    @Override
    public void close() throws HranaException {
        close(null);
    }

    /**
     * {@link #close()} with a time limit for the {@code close} request (and for waiting on a request
     * of another thread); null for the transport default.
     */
    public void close(Duration timeout) throws HranaException {
        Deadline deadline = endpoint.deadline(timeout);
        deadline.lock(lock, "another request on this stream to finish");
        try {
            if (closed) {
                return;
            }
            closed = true;
            String current = baton;
            URI currentBase = baseUrl;
            forget();
            if (current == null || brokenBecause != null) {
                return;
            }
            List<StreamRequest> wire = List.of(new CloseStreamReq());
            PipelineResponse response =
                    endpoint.postPipelineWithin(currentBase, new PipelineRequest(current, wire), deadline);
            checkResults(wire, response);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a batch through the cursor endpoint ({@code /v3/cursor}, Hrana 3 servers only) on this
     * stream: opens a server stream if none is open, and returns once the answer's head is read. The
     * entries are then read from the cursor as the server sends them. A server stream runs one request
     * at a time, so another call on this stream while the cursor is unfinished first reads the rest of
     * the cursor into memory (the cursor keeps returning its entries from there). The server stream stays open afterwards; end it
     * with {@link #sendAndClose} or {@link #close()}.
     *
     * @param timeout time allowed until the head of the answer is read, and (whole, from the start of
     *     each read) for every later read of the cursor that waits for the server; null for the
     *     transport's request timeout. A read that waits longer fails with {@code TIMEOUT} and aborts the
     *     answer; the server stream is then broken
     * @throws HranaException {@code UNSUPPORTED} on servers without the endpoint, else as for {@link #send}
     */
    public HranaCursor openCursor(Batch batch, Duration timeout) throws HranaException {
        Objects.requireNonNull(batch, "batch");
        Duration readTimeout = endpoint.effectiveTimeout(timeout);
        Deadline deadline = Deadline.in(readTimeout);
        deadline.lock(lock, "another request on this stream to finish");
        try {
            ensureUsable();
            String sentBaton = baton;
            CursorDecoder decoder;
            CursorHead head;
            try {
                decoder =
                        endpoint.postCursorWithin(baseUrl, new CursorRequest(sentBaton, batch), deadline, readTimeout);
                head = decoder.head();
            } catch (HranaCodecException e) {
                throw new AssertionError("the head was read by postCursor", e);
            } catch (HranaException e) {
                if (sentBaton != null && (e.httpStatus() != 0 || e.mayHaveBeenProcessed())) {
                    breakStream(e);
                }
                throw e;
            }
            if (head.baton() == null) {
                forget();
            } else {
                URI newBase = head.baseUrl() == null ? baseUrl : parseBaseUrl(head.baseUrl(), sentBaton != null);
                baton = head.baton();
                baseUrl = newBase;
            }
            HranaCursor cursor = new HranaCursor(this, decoder, endpoint.baseUri());
            activeCursor = cursor;
            return cursor;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Servers without streams (tursodb): sends one {@code execute} or {@code batch} request and returns
     * once the answer has been read up to the first row of step {@code mainStep} (an {@code execute} is
     * step 0); the rows are then read from the returned {@link HranaRows} as they arrive. When there is
     * nothing to stream (the request failed, the step has no result) the whole answer was read and the
     * rows are done. Another call on this stream before the last row first reads the rest into memory.
     *
     * @param timeout time allowed until the answer's headers are in, and (whole, from the start of each
     *     read) for every later read that waits for the server; null for the transport's request timeout
     * @throws HranaException {@code UNSUPPORTED} on servers with streams, else as for {@link #send}
     */
    public HranaRows openRows(StreamRequest request, int mainStep, Duration timeout) throws HranaException {
        Objects.requireNonNull(request, "request");
        Duration readTimeout = endpoint.effectiveTimeout(timeout);
        Deadline deadline = Deadline.in(readTimeout);
        deadline.lock(lock, "another request on this stream to finish");
        try {
            ensureUsable();
            if (endpoint.serverKindWithin(deadline).hasStreams()) {
                throw new HranaException(
                        HranaException.Reason.UNSUPPORTED,
                        "Rows are streamed from pipeline answers on servers without streams only; nothing was sent",
                        false,
                        null);
            }
            PipelineRowDecoder decoder = endpoint.postPipelineStreamingWithin(
                    new PipelineRequest(null, List.of(request)), deadline, readTimeout);
            HranaRows rows;
            try {
                rows = new HranaRows(this, decoder, endpoint.baseUri(), decoder.open(mainStep));
            } catch (HranaCodecException e) {
                HranaRows failed = new HranaRows(this, decoder, endpoint.baseUri(), null);
                throw failed.failOpening(e);
            }
            if (!rows.isDone()) {
                activeRows = rows;
            } else {
                rows.close();
            }
            return rows;
        } finally {
            lock.unlock();
        }
    }

    /** Called by streamed rows when they are finished (read, failed or closed). */
    void rowsEnded(HranaRows rows) {
        if (activeRows == rows) {
            activeRows = null;
        }
    }

    /**
     * Called by the cursor when it is finished. A failure breaks the server stream (its state is
     * unknown); that is applied by the next call, under the stream's lock (the cursor's reader must not
     * wait for the lock: the lock holder may be waiting for the cursor).
     */
    void cursorEnded(HranaCursor cursor, HranaException failure) {
        if (failure != null) {
            pendingCursorFailure = failure;
        }
        if (activeCursor == cursor) {
            activeCursor = null;
        }
    }

    private List<StreamResult> exchange(List<StreamRequest> requests, boolean close, Duration timeout)
            throws HranaException {
        Objects.requireNonNull(requests, "requests");
        for (StreamRequest r : requests) {
            Objects.requireNonNull(r, "request");
            if (r instanceof CloseStreamReq) {
                throw new IllegalArgumentException("Do not pass close: use sendAndClose or close()");
            }
        }
        Deadline deadline = endpoint.deadline(timeout);
        deadline.lock(lock, "another request on this stream to finish");
        try {
            ensureUsable();
            ServerKind kind = endpoint.serverKindWithin(deadline);
            if (!kind.hasStreams()) {
                return sendMinimal(requests, deadline);
            }
            if (kind == ServerKind.FULL_V2) {
                refuseV3Only(requests);
            }
            String sentBaton = baton;
            if (requests.isEmpty() && sentBaton == null) {
                return List.of();
            }
            List<StreamRequest> wire = requests;
            if (close) {
                wire = new ArrayList<>(requests.size() + 1);
                wire.addAll(requests);
                wire.add(new CloseStreamReq());
            }
            PipelineResponse response;
            List<StreamResult> results;
            try {
                response = endpoint.postPipelineWithin(baseUrl, new PipelineRequest(sentBaton, wire), deadline);
                results = checkResults(wire, response);
            } catch (HranaException e) {
                if (sentBaton != null && (e.httpStatus() != 0 || e.mayHaveBeenProcessed())) {
                    breakStream(e);
                }
                throw e;
            }
            if (close) {
                forget();
                return List.copyOf(results.subList(0, requests.size()));
            }
            if (response.baton() == null) {
                forget();
            } else {
                URI newBase =
                        response.baseUrl() == null ? baseUrl : parseBaseUrl(response.baseUrl(), sentBaton != null);
                baton = response.baton();
                baseUrl = newBase;
            }
            return results;
        } finally {
            lock.unlock();
        }
    }

    private List<StreamResult> sendMinimal(List<StreamRequest> requests, Deadline deadline) throws HranaException {
        for (StreamRequest r : requests) {
            if (!(r instanceof ExecuteStreamReq || r instanceof BatchStreamReq)) {
                throw new HranaException(
                        HranaException.Reason.UNSUPPORTED,
                        "The minimal Hrana server at "
                                + endpoint.baseUri() + " (tursodb) supports only execute and batch requests, not "
                                + r.type() + "; nothing was sent",
                        false,
                        null);
            }
        }
        if (requests.isEmpty()) {
            return List.of();
        }
        PipelineResponse response = endpoint.postPipelineWithin(null, new PipelineRequest(null, requests), deadline);
        return checkResults(requests, response);
    }

    private static void refuseV3Only(List<StreamRequest> requests) throws HranaException {
        for (StreamRequest r : requests) {
            boolean v3Only = r instanceof GetAutocommitStreamReq;
            if (r instanceof BatchStreamReq batch) {
                for (BatchStep step : batch.batch().steps()) {
                    v3Only |= usesIsAutocommit(step.condition());
                }
            }
            if (v3Only) {
                throw new HranaException(
                        HranaException.Reason.UNSUPPORTED,
                        "The server speaks Hrana 2 only:"
                                + " get_autocommit and the is_autocommit condition need Hrana 3; nothing was sent",
                        false,
                        null);
            }
        }
    }

    private static boolean usesIsAutocommit(BatchCond cond) {
        if (cond == null || cond instanceof BatchCond.Ok || cond instanceof BatchCond.Error) {
            return false;
        }
        if (cond instanceof BatchCond.IsAutocommit) {
            return true;
        }
        if (cond instanceof BatchCond.Not not) {
            return usesIsAutocommit(not.cond());
        }
        if (cond instanceof BatchCond.And and) {
            return and.conds().stream().anyMatch(HranaStream::usesIsAutocommit);
        }
        if (cond instanceof BatchCond.Or or) {
            return or.conds().stream().anyMatch(HranaStream::usesIsAutocommit);
        }
        throw new AssertionError(cond);
    }

    /** One result per request, each {@code ok} answer of the request's own type. */
    private static List<StreamResult> checkResults(List<StreamRequest> sent, PipelineResponse response)
            throws HranaException {
        List<StreamResult> results = response.results();
        if (results.size() != sent.size()) {
            throw malformed("The server answered " + results.size() + " results to a pipeline of " + sent.size()
                    + " requests; the server may have processed them");
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof StreamResult.Ok ok) {
                StreamResponse r = ok.response();
                if (!r.type().equals(sent.get(i).type())) {
                    throw malformed("The server answered a " + r.type() + " result to request " + i + " ("
                            + sent.get(i).type() + "); the server may have processed the pipeline");
                }
            }
        }
        return results;
    }

    private URI parseBaseUrl(String text, boolean hadStream) throws HranaException {
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException e) {
            throw breakAndReturn(
                    malformed("The server sent an invalid base_url; the server may have processed the" + " request"),
                    hadStream);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        URI current = baseUrl == null ? endpoint.baseUri() : baseUrl;
        boolean downgrade = "https".equalsIgnoreCase(current.getScheme()) && !"https".equals(scheme);
        if (!parsed.isAbsolute()
                || parsed.getHost() == null
                || !(scheme.equals("http") || scheme.equals("https"))
                || parsed.getRawUserInfo() != null
                || parsed.getRawQuery() != null
                || downgrade) {
            throw breakAndReturn(
                    malformed("The server sent a base_url this client will not follow (it must be an"
                            + " absolute http(s) URL without user info or query, and never downgrade https to http)"),
                    hadStream);
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + parsed.getRawAuthority() + path);
    }

    /** A bad base_url leaves the new stream unusable; break the handle so the caller knows. */
    private HranaException breakAndReturn(HranaException e, boolean hadStream) {
        if (hadStream) {
            breakStream(e);
        } else {
            forget();
        }
        return e;
    }

    private static HranaException malformed(String message) {
        return new HranaException(HranaException.Reason.MALFORMED_RESPONSE, message, 200, null, true, null, null);
    }

    private void ensureUsable() throws HranaException {
        if (closed) {
            throw new HranaException(HranaException.Reason.CLOSED, "The stream is closed", false, null);
        }
        HranaCursor cursor = activeCursor;
        if (cursor != null) {
            // The server stream runs one request at a time: read the rest of the cursor into memory first
            // (its reader continues from there), then this request can go.
            cursor.bufferRest();
        }
        HranaRows rows = activeRows;
        if (rows != null) {
            // The server answers one request at a time: read the rest of the rows into memory first.
            rows.bufferRest();
        }
        HranaException cursorFailure = pendingCursorFailure;
        if (cursorFailure != null) {
            pendingCursorFailure = null;
            if (baton != null) {
                breakStream(cursorFailure);
            }
        }
        String because = brokenBecause;
        if (because != null) {
            throw new HranaException(
                    HranaException.Reason.CLOSED,
                    "The stream is broken by an earlier failure (" + because + "); its state on the server is unknown",
                    false,
                    null);
        }
    }

    private void breakStream(HranaException cause) {
        forget();
        brokenBecause = cause.reason() + (cause.httpStatus() != 0 ? ", HTTP " + cause.httpStatus() : "");
    }

    private void forget() {
        baton = null;
        baseUrl = null;
    }

    @Override
    public String toString() {
        String state = closed
                ? "closed"
                : brokenBecause != null ? "broken (" + brokenBecause + ")" : baton != null ? "open" : "idle";
        return "HranaStream[" + endpoint + ", " + state + (baseUrl != null ? ", base_url=" + baseUrl : "") + "]";
    }
}
