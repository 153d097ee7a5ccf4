package dev.libsqljpa.jdbc.internal.metadata;

import dev.libsqljpa.hrana.http.HranaEndpoint;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The SQLite version a database reports ({@code sqlite_version()}), remembered per endpoint (base URL
 * and token, shared by every connection of one driver or data source configuration). Hibernate and
 * tools ask {@code getDatabaseProductVersion()} on every new {@code DatabaseMetaData}; without this cache
 * each ask would cost a round trip. The version the endpoint's server detection already returned comes
 * first (no request at all); only endpoints that did not probe (a preset server kind) or whose probe
 * statement failed need the query, once. Entries go away with their endpoint.
 */
final class ServerVersionCache {

    private static final Map<HranaEndpoint, String> VERSIONS = new WeakHashMap<>();

    private ServerVersionCache() {}

    static String get(HranaEndpoint endpoint) {
        return endpoint.serverVersion().orElseGet(() -> remembered(endpoint));
    }

    private static synchronized String remembered(HranaEndpoint endpoint) {
        return VERSIONS.get(endpoint);
    }

    static synchronized void put(HranaEndpoint endpoint, String version) {
        VERSIONS.put(endpoint, version);
    }
}
