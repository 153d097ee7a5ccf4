package dev.libsqljpa.jdbc.internal.protocol;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Serialises access to one minimal server (tursodb) from all connections of one driver or
 * DataSource. tursodb runs every client on ONE engine connection, so a transaction of one JDBC
 * connection would otherwise swallow the statements of all others. A connection holds the lock
 * from its BEGIN to its COMMIT/ROLLBACK; an autocommit statement holds it for its one request.
 * Not thread-owned (pools move connections between threads): the owner is the session.
 */
public final class MinimalServerLock {
    private final Semaphore permit = new Semaphore(1, true);
    private volatile Object owner;
    /** A connection closed while tursodb may still hold its transaction: the next owner sends ROLLBACK. */
    private volatile boolean rollbackOwed;

    /** Records that the shared engine connection may still hold a transaction nobody will end. */
    void oweRollback() {
        rollbackOwed = true;
    }

    /** Takes over an owed ROLLBACK (the caller must hold the lock). */
    boolean takeOwedRollback() {
        boolean owed = rollbackOwed;
        rollbackOwed = false;
        return owed;
    }

    boolean isHeldBy(Object session) {
        return owner == session;
    }

    void acquire(Object session, Duration timeout) throws SQLException {
        if (owner == session) {
            return;
        }
        boolean acquired;
        try {
            acquired = permit.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientException(
                    "interrupted while waiting for another connection's transaction on " + "the minimal server to end",
                    "HY008",
                    e);
        }
        if (!acquired) {
            throw new SQLTransientException(
                    "another connection's transaction has held the minimal server (tursodb: "
                            + "one engine connection shared by all clients) for more than " + timeout.toSeconds()
                            + " s; transactions on such a server run one at a time (property sharedConnectionLockTimeout)",
                    "HY000");
        }
        owner = session;
    }

    void release(Object session) {
        if (owner == session) {
            owner = null;
            permit.release();
        }
    }
}
