package dev.libsqljpa.hrana.http;

import java.net.URI;

/**
 * One shared JDK {@link java.net.http.HttpClient} (HTTP/1.1, keep-alive) for all connections of
 * one driver or DataSource configuration. Thread-safe. Endpoints are cached by base URI and token,
 * so the server-family detection happens once per endpoint.
 */
public final class HranaTransport implements AutoCloseable {

    public HranaTransport(HranaTransportConfig config) {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    public HranaTransportConfig config() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /**
     * The endpoint for a database.
     *
     * @param baseUri {@code http(s)://host[:port][/path]}: the pipeline paths are appended to it
     * @param authToken bearer token, or null for none; never logged or shown in messages
     */
    public HranaEndpoint endpoint(URI baseUri, String authToken) {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }

    /** Releases the HTTP client where the JDK allows it; later requests fail with {@code CLOSED}. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not implemented yet (issue #3)");
    }
}
