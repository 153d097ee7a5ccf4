package dev.libsqljpa.hibernate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.jboss.logging.Logger;

/**
 * Waits until the database answers a real round trip on a connection from the application's own
 * connection provider, retrying with exponential backoff (100 ms doubling up to 2 s) until a deadline.
 * The round trip is the schema tool's own metadata query ({@link ExistingSchema#QUERY}), so a reachable
 * database costs no separate probe: the answer is handed to the action that reads the schema next.
 * At the deadline it fails with the URL (credentials removed) and the last cause. Waiting parks the
 * thread until the next attempt; it never sleeps past the deadline.
 *
 * <p>Only failures that waiting can cure are retried (refused or reset connections, timeouts, HTTP 5xx,
 * a database that is not routed yet). A database that answered and refused the query fails at once:
 * a rejected token (SQLState class 28), an SQL error (class 42) or an unsupported feature (class 0A)
 * would be the same after a minute of retries.
 */
final class DatabaseReadiness {

    private static final Logger LOG = Logger.getLogger(LibsqlSchemaManagementTool.LOG_CATEGORY);
    private static final long FIRST_BACKOFF_NANOS = Duration.ofMillis(100).toNanos();
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(2).toNanos();
    /** Upper bound of one probe's query timeout (also bounded by the time left). */
    private static final int PROBE_TIMEOUT_SECONDS = 10;

    private DatabaseReadiness() {}

    /**
     * Returns the database's schema as read by the first successful probe.
     *
     * @throws SchemaManagementException at the deadline, or when interrupted (flag restored)
     */
    static ExistingSchema await(JdbcConnectionAccess access, Duration timeout, String redactedUrl) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long backoff = FIRST_BACKOFF_NANOS;
        int attempts = 0;
        while (true) {
            attempts++;
            Exception failure;
            try {
                long remainingSeconds =
                        Duration.ofNanos(deadline - System.nanoTime()).toSeconds();
                ExistingSchema schema =
                        probe(access, (int) Math.max(1, Math.min(PROBE_TIMEOUT_SECONDS, remainingSeconds)));
                if (attempts > 1) {
                    LOG.infof(
                            "libSQL schema: database %s answered after %d attempts (%d ms)",
                            redactedUrl,
                            attempts,
                            Duration.ofNanos(System.nanoTime() - start).toMillis());
                }
                return schema;
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
            if (isAnswerNotToWaitFor(failure)) {
                throw new SchemaManagementException(
                        "libSQL schema: database " + redactedUrl + " refused the schema tool's first query"
                                + " (not retried: waiting does not change this answer): " + describe(failure),
                        failure);
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new SchemaManagementException(
                        "libSQL schema: database " + redactedUrl
                                + " did not answer within " + timeout.toMillis() + " ms (" + attempts
                                + " attempts, setting " + SchemaSettings.WAIT_TIMEOUT + "); last error: "
                                + describe(failure),
                        failure);
            }
            LOG.debugf("libSQL schema: database %s not ready yet (%s); retrying", redactedUrl, describe(failure));
            long wakeUp = Math.min(now + backoff, deadline);
            while (wakeUp - System.nanoTime() > 0) {
                LockSupport.parkNanos(wakeUp - System.nanoTime());
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new SchemaManagementException(
                            "libSQL schema: interrupted while waiting for database " + redactedUrl + "; last error: "
                                    + describe(failure),
                            failure);
                }
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    /**
     * One round trip: the schema query in auto-commit mode, each attempt on a connection of its own
     * (a failed request may leave its connection unusable). A pooled connection kept in manual-commit
     * mode is switched to auto-commit for the probe and back (no request on the libSQL driver), so that
     * no read transaction is left open on a connection that goes back to the pool.
     */
    private static ExistingSchema probe(JdbcConnectionAccess access, int timeoutSeconds) throws SQLException {
        Connection connection = access.obtainConnection();
        SQLException failure = null;
        ExistingSchema schema = null;
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                schema = ExistingSchema.read(connection, timeoutSeconds);
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            failure = e;
        } finally {
            try {
                access.releaseConnection(connection);
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return schema;
    }

    /**
     * Whether the failure (or one of its causes) is an answer of a reachable database that no retry can
     * change: authorization (SQLState class 28), SQL errors (class 42) and unsupported features (0A).
     */
    static boolean isAnswerNotToWaitFor(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = failure; c != null && seen.size() < 5 && seen.add(c); c = c.getCause()) {
            if (c instanceof SQLInvalidAuthorizationSpecException
                    || c instanceof SQLSyntaxErrorException
                    || c instanceof SQLFeatureNotSupportedException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("28") || state.startsWith("42") || state.startsWith("0A")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The exception and its causes, each once (cause chains of network errors can loop), at most five. A
     * cause whose message an outer exception already quotes is left out: the driver's SQLException says
     * "connecting to ... failed: " followed by its transport cause's message, and this method's own
     * SchemaManagementException quotes the chain it wraps, so showing each link again would repeat the text.
     */
    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.size() < 5 && seen.add(c); c = c.getCause()) {
            String message = c.getMessage();
            if (message != null && !message.isEmpty() && text.indexOf(message) >= 0) {
                continue;
            }
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(c.getClass().getSimpleName());
            if (message != null) {
                text.append(": ").append(message);
            }
        }
        return text.toString();
    }

    /** The URL as shown in messages: see {@link RedactedUrl}. */
    static String redact(String url) {
        return RedactedUrl.of(url);
    }
}
