package dev.libsqljpa.hrana.session;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import java.time.Duration;
import java.util.List;

/**
 * A client-side Hrana stream: at most one server stream at a time, requests serialised (the spec
 * allows one request in flight per stream), baton and {@code base_url} tracked. Thread-safe.
 *
 * <p>Lifecycle: a fresh handle holds no server stream. {@link #send} opens one (null baton) or
 * continues it and keeps the new baton; {@link #sendAndClose} appends {@code close} so the server
 * stream ends in the same HTTP request. After a server stream ends this handle can start a new one
 * with the next {@code send}, unless it is {@link #isBroken() broken}.
 *
 * <p>On a {@link ServerKind#MINIMAL} server there are no streams: nothing is ever appended,
 * {@code close} is never sent, and only execute/batch requests are allowed (others fail with
 * {@link HranaException.Reason#UNSUPPORTED} before anything is sent).
 *
 * <p>Failures: any non-200 answer, timeout or I/O error on a request that carried a baton ends the
 * server stream; the handle becomes broken (the server may have rolled back or applied the
 * work) and every later call fails with {@link HranaException.Reason#CLOSED} until {@link #reset}.
 * A request is never resent once it may have reached the server.
 */
public final class HranaStream implements AutoCloseable {

    private HranaStream() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /** The server family of this stream's endpoint. */
    public ServerKind serverKind() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /**
     * Sends the requests in one pipeline and keeps the server stream open.
     *
     * @param timeout time allowed for the whole HTTP exchange; null for the transport default
     * @return one result per request, in order
     */
    public List<StreamResult> send(List<StreamRequest> requests, Duration timeout) throws HranaException {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /**
     * Sends the requests followed by {@code close} in one pipeline (on full servers), ending the
     * server stream. Returns the results of the given requests only (the close result is checked
     * and dropped). With an empty list and no open server stream, sends nothing.
     */
    public List<StreamResult> sendAndClose(List<StreamRequest> requests, Duration timeout) throws HranaException {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /** Whether a server stream is open (a baton is held). Always false on minimal servers. */
    public boolean isOpen() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /** Whether an earlier failure left the server stream in an unknown state. */
    public boolean isBroken() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /** Forgets a broken or open server stream without contacting the server. */
    public void reset() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /**
     * Closes the server stream if one is open (one request carrying only {@code close}); idempotent.
     */
    @Override
    public void close() throws HranaException {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }
}
