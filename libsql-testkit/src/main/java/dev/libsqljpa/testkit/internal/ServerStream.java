package dev.libsqljpa.testkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * A Hrana stream: one SQLite connection, its stored SQL texts and its baton sequence. Used by one
 * request at a time (the registry hands it out in state ACQUIRED); the fields guarded by the
 * registry are only touched under its lock.
 */
final class ServerStream {

    enum State {
        AVAILABLE,
        ACQUIRED,
        EXPIRED
    }

    final long id;
    final Namespace namespace;
    final Connection connection;
    final DB db;
    final Map<Integer, String> storedSql = new HashMap<>();

    // Guarded by the registry lock.
    State state = State.ACQUIRED;
    long seq;
    Instant lastUsed;
    Instant expiredAt;

    // Touched by the thread holding the stream (ACQUIRED) or by a busy handler that acquired it.
    volatile Instant writeLockSince;
    volatile boolean transactionTimedOut;
    boolean waitingForLock;
    long busyStartNanos;

    ServerStream(long id, long seq, Namespace namespace, Connection connection, Instant now) {
        this.id = id;
        this.seq = seq;
        this.namespace = namespace;
        this.connection = connection;
        this.db = ((SQLiteConnection) connection).getDatabase();
        this.lastUsed = now;
    }

    /**
     * Whether the connection is inside a transaction ({@code !sqlite3_get_autocommit}, which
     * sqlite-jdbc does not expose): a {@code BEGIN} fails exactly when a transaction is open; when it
     * succeeds the empty transaction is rolled back at once. Neither touches locks, {@code changes()}
     * or {@code last_insert_rowid()}.
     */
    boolean inTransaction() throws SQLException {
        try {
            db._exec("BEGIN");
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("within a transaction")) {
                return true;
            }
            throw e;
        }
        db._exec("ROLLBACK");
        return false;
    }

    @Override
    public String toString() {
        return "ServerStream[" + namespace.name + "#" + Long.toHexString(id) + "]";
    }
}
