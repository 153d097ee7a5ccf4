package dev.libsqljpa.hrana.http;

import dev.libsqljpa.hrana.session.HranaStream;
import java.net.URI;
import java.time.Duration;

/**
 * One database (base URL + token) reached through a shared {@link HranaTransport}. Thread-safe.
 * {@code toString} shows the URL, never the token.
 */
public final class HranaEndpoint {

    private HranaEndpoint() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    public URI baseUri() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /**
     * The server family, detected on first call (at most a couple of small GET probes) and cached.
     *
     * @throws HranaException if the server cannot be reached or answers unexpectedly
     */
    public ServerKind serverKind(Duration timeout) throws HranaException {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /** A new stream handle. Sends nothing: the server stream is opened by the first request. */
    public HranaStream openStream() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }
}
