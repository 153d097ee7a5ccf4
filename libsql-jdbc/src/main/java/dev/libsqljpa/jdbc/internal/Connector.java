package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.http.HranaEndpoint;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.HranaTransport;
import dev.libsqljpa.hrana.http.HranaTransportConfig;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.jdbc.LibsqlProperty;
import dev.libsqljpa.jdbc.internal.metadata.MetadataDriverInfo;
import dev.libsqljpa.jdbc.internal.protocol.ConnectionSettings;
import dev.libsqljpa.jdbc.internal.protocol.MinimalServerLock;
import dev.libsqljpa.jdbc.internal.protocol.Session;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.net.ConnectException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens connections for one driver or DataSource instance. Owns one {@link HranaTransport} (one
 * JDK HttpClient) per distinct transport configuration, shared by all its connections, and the
 * per-server lock for minimal servers. No static mutable state (application servers redeploy).
 * Thread-safe.
 */
public final class Connector implements AutoCloseable {
    private static final String VERSION = MetadataDriverInfo.VERSION;
    private static final System.Logger LOG = System.getLogger("dev.libsqljpa.jdbc");
    private static final long FIRST_BACKOFF_NANOS = Duration.ofMillis(100).toNanos();
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(2).toNanos();

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
        ServerKind kind = firstContact(endpoint, settings);
        MinimalServerLock lock = kind == ServerKind.MINIMAL
                ? minimalLocks.computeIfAbsent(settings.baseUri(), uri -> new MinimalServerLock())
                : null;
        Session session = new Session(new HranaStream(endpoint), kind, settings, lock);
        return new LibsqlConnectionImpl(session, settings);
    }

    /** Whether the port refused the connection (nothing listens yet), as opposed to any other connect failure. */
    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }

    /**
     * The server family, detected on the first contact with the endpoint (later calls answer from the
     * cache without a request). While the server refuses connections (nothing reached it), retries
     * with a bounded back-off up to {@code connectWait}: a database that starts after the application
     * is waited for, logged at INFO, and a database that never comes fails at the deadline with 08001
     * naming the URL (never the token), the attempts and the last error. Other failures are not retried.
     */
    static ServerKind firstContact(HranaEndpoint endpoint, ConnectionSettings settings) throws SQLException {
        Duration connectTimeout = settings.seconds(LibsqlProperty.CONNECT_TIMEOUT);
        Duration timeout =
                connectTimeout == null ? HranaTransportConfig.defaults().connectTimeout() : connectTimeout;
        Duration wait = Duration.ofSeconds(settings.getInt(LibsqlProperty.CONNECT_WAIT));
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        long backoff = FIRST_BACKOFF_NANOS;
        int attempts = 0;
        while (true) {
            attempts++;
            HranaException failure;
            try {
                ServerKind kind = endpoint.serverKind(timeout);
                if (attempts > 1) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "libSQL: {0} answered after {1} attempts ({2} ms)",
                            ConnectionSettings.redactUrl(settings.baseUri().toString()),
                            attempts,
                            Duration.ofNanos(System.nanoTime() - start).toMillis());
                }
                return kind;
            } catch (HranaException e) {
                failure = e;
            }
            long now = System.nanoTime();
            if (failure.reason() != HranaException.Reason.CONNECT || !refused(failure)) {
                throw SqlExceptions.fromTransport(
                        "connecting to "
                                + ConnectionSettings.redactUrl(
                                        settings.baseUri().toString()),
                        failure);
            }
            if (now - deadline >= 0) {
                if (attempts == 1) {
                    throw SqlExceptions.fromTransport(
                            "connecting to "
                                    + ConnectionSettings.redactUrl(
                                            settings.baseUri().toString()),
                            failure);
                }
                throw SqlExceptions.cannotConnect(
                        "libSQL: "
                                + ConnectionSettings.redactUrl(
                                        settings.baseUri().toString()) + " did not accept a "
                                + "connection within " + wait.toSeconds() + " s (" + attempts + " attempts, property "
                                + LibsqlProperty.CONNECT_WAIT.propertyName() + "); last error: " + failure.getMessage(),
                        failure);
            }
            if (attempts == 1) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "libSQL: {0} refuses connections ({1}); waiting up to {2} s " + "(property {3})",
                        ConnectionSettings.redactUrl(settings.baseUri().toString()),
                        failure.getMessage(),
                        wait.toSeconds(),
                        LibsqlProperty.CONNECT_WAIT.propertyName());
            }
            pause(Math.min(now + backoff, deadline));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    /** Bounded back-off of {@link #firstContact}: parks until {@code wakeUpNanos}. */
    private static void pause(long wakeUpNanos) throws SQLException {
        while (wakeUpNanos - System.nanoTime() > 0) {
            LockSupport.parkNanos(wakeUpNanos - System.nanoTime());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw SqlExceptions.cannotConnect("libSQL: interrupted while waiting for the server");
            }
        }
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
