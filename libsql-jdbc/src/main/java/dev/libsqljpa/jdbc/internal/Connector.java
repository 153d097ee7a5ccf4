package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.http.HranaEndpoint;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.HranaTransport;
import dev.libsqljpa.hrana.http.HranaTransportConfig;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.jdbc.LibsqlProperty;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens connections for one driver or DataSource instance. Owns one {@link HranaTransport} (one
 * JDK HttpClient) per distinct transport configuration, shared by all its connections, and the
 * per-server lock for minimal servers. No static mutable state (application servers redeploy).
 * Thread-safe.
 */
public final class Connector implements AutoCloseable {
    private static final String VERSION = MetadataDriverInfo.VERSION;

    private final Map<HranaTransportConfig, HranaTransport> transports = new ConcurrentHashMap<>();
    private final Map<URI, MinimalServerLock> minimalLocks = new ConcurrentHashMap<>();

    /** The driver version (from the build-filtered resource read by {@link MetadataDriverInfo}). */
    public static String version() {
        return VERSION;
    }

    /** {@code [major, minor]} of the driver version. */
    public static int[] versionNumbers() {
        return new int[] {MetadataDriverInfo.MAJOR_VERSION, MetadataDriverInfo.MINOR_VERSION};
    }

    static HranaTransportConfig transportConfig(ConnectionSettings settings) {
        Duration connect = settings.seconds(LibsqlProperty.CONNECT_TIMEOUT);
        Duration request = settings.seconds(LibsqlProperty.REQUEST_TIMEOUT);
        HranaTransportConfig defaults = HranaTransportConfig.defaults();
        return new HranaTransportConfig(
                connect == null ? defaults.connectTimeout() : connect,
                request == null ? Duration.ofDays(365) : request,
                "libsql-jdbc/" + VERSION,
                defaults.maxResponseBytes());
    }

    /**
     * Opens a connection. Detects the server family once per endpoint (cached by the transport);
     * sends nothing else.
     */
    public LibsqlConnectionImpl connect(ConnectionSettings settings) throws SQLException {
        HranaTransport transport = transports.computeIfAbsent(transportConfig(settings), HranaTransport::new);
        HranaEndpoint endpoint = transport.endpoint(settings.baseUri(), settings.authToken());
        ServerKind kind;
        try {
            Duration connectTimeout = settings.seconds(LibsqlProperty.CONNECT_TIMEOUT);
            kind = endpoint.serverKind(connectTimeout == null ? HranaTransportConfig.defaults().connectTimeout()
                    : connectTimeout);
        } catch (HranaException e) {
            throw SqlExceptions.fromTransport("connecting to " + ConnectionSettings.redactUrl(settings.baseUri().toString()), e);
        }
        MinimalServerLock lock = kind == ServerKind.MINIMAL
                ? minimalLocks.computeIfAbsent(settings.baseUri(), uri -> new MinimalServerLock()) : null;
        Session session = new Session(new HranaStream(endpoint), kind, settings, lock);
        return new LibsqlConnectionImpl(session, settings);
    }

    /** Releases the HTTP clients. Open connections fail afterwards. */
    @Override
    public void close() {
        List<HranaTransport> all = new ArrayList<>(transports.values());
        transports.clear();
        RuntimeException failure = null;
        for (HranaTransport transport : all) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
