package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.jdbc.LibsqlProperty;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How one session uses a minimal server's per-JVM lock ({@link MinimalServerLock}): tursodb has one
 * engine connection shared by all clients, so the transactions of this JVM's connections take turns.
 * Every request of a session is bracketed by {@link #acquire()} (or {@link #resume()} for requests that
 * must not wait) and {@link #release()}; on full servers all three do nothing. A transaction that held
 * the server longer than {@code sharedConnectionHoldLimit} between two requests while another connection
 * waited has been rolled back by that connection: its owner's next use fails with 40000.
 */
final class SharedServerAccess {
    private final Session session;
    private final ConnectionSettings settings;
    private final MinimalServerLock minimalLock;

    SharedServerAccess(Session session, ConnectionSettings settings, MinimalServerLock minimalLock) {
        this.session = session;
        this.settings = settings;
        this.minimalLock = minimalLock;
    }

    /** Releases the lock at close, whatever the transaction state. */
    void releaseAtClose() {
        if (session.minimal()) {
            minimalLock.release(session);
        }
    }

    /** After a failed close: the next connection of this driver ends the shared server's transaction. */
    void oweRollback() {
        if (session.minimal()) {
            minimalLock.oweRollback();
        }
    }

    void acquire() throws SQLException {
        if (session.minimal()) {
            Duration wait = Duration.ofSeconds(settings.getInt(LibsqlProperty.SHARED_CONNECTION_LOCK_TIMEOUT));
            Duration holdLimit = Duration.ofSeconds(settings.getInt(LibsqlProperty.SHARED_CONNECTION_HOLD_LIMIT));
            if (!minimalLock.acquire(session, wait, holdLimit)) {
                takenOver();
                throw SqlExceptions.transactionAborted(takenOverReason());
            }
            if (minimalLock.takeOwedRollback()) {
                session.tx.inheritRollback();
            }
        }
    }

    /**
     * Before a request of the lock owner that must not wait (rollback, close, isValid): false when
     * another connection took the shared server over and rolled our transaction back.
     */
    boolean resume() {
        if (!session.minimal() || !session.tx.serverMayHold() || minimalLock.resume(session)) {
            return true;
        }
        takenOver();
        return false;
    }

    /** Another connection rolled our transaction back on the shared server (hold limit). */
    private void takenOver() {
        session.queue.clear();
        session.tx.rollbackDelivered();
        if (session.tx.active()) {
            session.tx.abort(takenOverReason(), false);
        }
    }

    private String takenOverReason() {
        return "it held the minimal server (tursodb: one engine connection shared by all clients) for more than "
                + settings.getInt(LibsqlProperty.SHARED_CONNECTION_HOLD_LIMIT)
                + " s between two requests while another connection waited, so the driver rolled it back"
                + " (property sharedConnectionHoldLimit)";
    }

    /** Releases the shared-server lock unless the server may hold a transaction of ours. */
    void release() {
        if (session.minimal()) {
            if (session.tx.serverMayHold()) {
                minimalLock.idle(session);
            } else {
                minimalLock.release(session);
            }
        }
    }
}
