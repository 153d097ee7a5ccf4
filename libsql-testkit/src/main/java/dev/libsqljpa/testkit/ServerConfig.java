package dev.libsqljpa.testkit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of one test server, as built by {@link LibsqlTestServer.Builder} (see there for their
 * meaning and defaults). {@code toString} never shows the auth token.
 *
 * @param databaseFile the default namespace's file, or null for a temporary directory deleted at stop
 * @param authToken bearer token every pipeline request must carry, or null for no authentication
 */
public record ServerConfig(
        int port,
        Path databaseFile,
        String authToken,
        Duration idleStreamTimeout,
        Duration expiredStreamMemory,
        Duration writeLockTimeout,
        Duration maxLockWait,
        int maxOpenStreams,
        int maxInFlightRequests,
        long maxBodyBytes,
        long maxResponseBytes,
        Clock clock) {

    /** Stored SQL texts per stream (sqld {@code MAX_SQL_COUNT}). */
    public static final int MAX_STORED_SQL = 50;
    /** Bytes per stored SQL text (sqld {@code MAX_STORED_SQL_SIZE}, 5 kB). */
    public static final int MAX_STORED_SQL_BYTES = 5000;

    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", databaseFile=" + databaseFile + ", auth="
                + (authToken == null ? "off" : "<redacted>") + ", idleStreamTimeout=" + idleStreamTimeout
                + ", writeLockTimeout=" + writeLockTimeout + ", maxOpenStreams=" + maxOpenStreams
                + ", maxInFlightRequests=" + maxInFlightRequests + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
