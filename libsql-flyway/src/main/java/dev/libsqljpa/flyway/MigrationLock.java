package dev.libsqljpa.flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;

/**
 * A migration lock that works over HTTP: one row in {@code <history table>_lock}, taken and
 * released by single auto-commit statements on a connection of its own (so the lock is visible to
 * other migrators at once, whatever the migration's transaction does), with an expiry so that a
 * migrator that died does not block the database forever.
 *
 * <ul>
 *   <li>Take: {@code INSERT … ON CONFLICT (id) DO UPDATE … WHERE expires_at < now} — one request,
 *       atomic on the server; an update count of 1 means this migrator holds the lock.</li>
 *   <li>Wait: while another migrator holds it, retry with backoff (100 ms doubling to 1 s) for at
 *       most Flyway's {@code lockRetryCount} seconds (default 50; {@code -1} waits without limit),
 *       then fail naming the holder and its expiry.</li>
 *   <li>Keep: a daemon thread extends the expiry every third of the time to live while held.</li>
 *   <li>Release: {@code DELETE … WHERE owner = ?}.</li>
 * </ul>
 *
 * <p>Time to live: system property {@code libsql.flyway.lockTtlSeconds} (default 120). Times are
 * the database server's clock, so the clocks of the migrating machines do not matter.
 */
final class MigrationLock {

    private static final Log LOG = LogFactory.getLog(MigrationLock.class);

    static final String SUFFIX = "_lock";
    static final String TTL_PROPERTY = "libsql.flyway.lockTtlSeconds";
    private static final String NOW_MILLIS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    private final Connection connection;
    private final String table;
    private final String owner;
    private final long ttlMillis;
    private final ScheduledExecutorService renewal;

    private MigrationLock(Connection connection, String table, String owner, long ttlMillis) {
        this.connection = connection;
        this.table = table;
        this.owner = owner;
        this.ttlMillis = ttlMillis;
        this.renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "libsql-flyway-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
    }

    static boolean isLockTable(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(SUFFIX);
    }

    static String lockTableName(String historyTable) {
        return historyTable + SUFFIX;
    }

    /** Takes the lock of the history table {@code historyTable}, waiting as described above. */
    static MigrationLock acquire(JdbcConnectionFactory factory, Configuration configuration, String historyTable) {
        Duration ttl = Duration.ofSeconds(Long.getLong(TTL_PROPERTY, 120L));
        if (ttl.isNegative() || ttl.isZero()) {
            throw new FlywayException(
                    "libSQL migration lock: " + TTL_PROPERTY + " must be positive, was " + ttl.toSeconds());
        }
        int retrySeconds = configuration.getLockRetryCount();
        long deadline = retrySeconds < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(retrySeconds);
        Connection connection = factory.openConnection();
        MigrationLock lock = new MigrationLock(
                connection,
                quote(lockTableName(historyTable)),
                UUID.randomUUID().toString(),
                ttl.toMillis());
        try {
            connection.setAutoCommit(true);
            lock.createTable();
            long pauseMillis = 100;
            boolean logged = false;
            while (!lock.tryTake()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new FlywayException("libSQL migration lock " + lock.table
                            + " is still held by another migrator (" + lock.holder() + ") after waiting " + retrySeconds
                            + " s (Flyway setting lockRetryCount)");
                }
                if (!logged) {
                    LOG.info("Waiting for the libSQL migration lock " + lock.table + ", held by another migrator ("
                            + lock.holder() + ")");
                    logged = true;
                }
                LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(pauseMillis)));
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new FlywayException("interrupted while waiting for the libSQL migration lock " + lock.table);
                }
                pauseMillis = Math.min(1000, pauseMillis * 2);
            }
        } catch (SQLException | RuntimeException e) {
            lock.closeQuietly();
            if (e instanceof FlywayException flyway) {
                throw flyway;
            }
            throw new FlywayException(
                    "libSQL migration lock " + lock.table + " could not be taken: " + e.getMessage(), e);
        }
        long period = Math.max(1, ttl.toMillis() / 3);
        lock.renewal.scheduleWithFixedDelay(lock::renew, period, period, TimeUnit.MILLISECONDS);
        return lock;
    }

    private void createTable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, expires_at INTEGER NOT NULL)");
        }
    }

    private boolean tryTake() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table
                + " (id, owner, expires_at) VALUES (1, ?, " + NOW_MILLIS + " + ?)"
                + " ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at"
                + " WHERE " + table + ".expires_at < " + NOW_MILLIS)) {
            statement.setString(1, owner);
            statement.setLong(2, ttlMillis);
            return statement.executeUpdate() == 1;
        }
    }

    private String holder() {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT owner, expires_at - " + NOW_MILLIS + " FROM " + table + " WHERE id = 1")) {
            if (rows.next()) {
                return "owner " + rows.getString(1) + ", expires in " + Math.max(0, rows.getLong(2)) + " ms";
            }
            return "released meanwhile";
        } catch (SQLException e) {
            return "holder unknown: " + e.getMessage();
        }
    }

    private void renew() {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE " + table + " SET expires_at = " + NOW_MILLIS + " + ? WHERE id = 1 AND owner = ?")) {
            statement.setLong(1, ttlMillis);
            statement.setString(2, owner);
            if (statement.executeUpdate() != 1) {
                LOG.warn("libSQL migration lock " + table
                        + " was lost (expired and taken over): another migrator may run now");
            }
        } catch (SQLException e) {
            LOG.warn("libSQL migration lock " + table + " could not be extended: " + e.getMessage());
        }
    }

    /** Releases the lock (one request) and closes its connection. */
    void release() {
        renewal.shutdownNow();
        try {
            renewal.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (PreparedStatement statement =
                connection.prepareStatement("DELETE FROM " + table + " WHERE id = 1 AND owner = ?")) {
            statement.setString(1, owner);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("libSQL migration lock " + table + " could not be released (it expires on its own): "
                    + e.getMessage());
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        renewal.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the libSQL migration lock connection failed: " + e.getMessage());
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
