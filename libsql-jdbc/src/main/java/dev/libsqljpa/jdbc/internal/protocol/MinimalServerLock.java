package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises access to one minimal server (tursodb) from all connections of one driver or
 * DataSource. tursodb runs every client on ONE engine connection, so a transaction of one JDBC
 * connection would otherwise swallow the statements of all others. A connection holds the lock
 * from its BEGIN to its COMMIT/ROLLBACK; an autocommit statement holds it for its one request.
 * Not thread-owned (pools move connections between threads): the owner is the session. Waiters are
 * served first come, first served.
 *
 * <p>Like sqld's write-lock timeout, an owner that has held the lock for the hold limit and sits
 * between two requests while another connection waits is taken over: the waiter becomes the owner
 * and sends the {@code ROLLBACK} of the abandoned transaction first ({@link #takeOwedRollback()}),
 * and the old owner learns it on its next call ({@link #acquire} or {@link #resume} answer false).
 */
public final class MinimalServerLock {
    private final ReentrantLock guard = new ReentrantLock();
    /** Signalled whenever the owner or its state changes. */
    private final Condition changed = guard.newCondition();
    /** Who waits for the lock and in what order, and whom was taken over; guarded by {@code guard}. */
    private final ArrayDeque<Object> waiters = new ArrayDeque<>();

    private final Set<Object> takenOver = Collections.newSetFromMap(new WeakHashMap<>());
    private Object owner;
    private boolean ownerBusy;
    private long ownerSince;
    /** A connection gave up a transaction tursodb may still hold: the next owner sends ROLLBACK. */
    private boolean rollbackOwed;

    /** Records that the shared engine connection may still hold a transaction nobody will end. */
    void oweRollback() {
        guard.lock();
        try {
            rollbackOwed = true;
        } finally {
            guard.unlock();
        }
    }

    /** Takes over an owed ROLLBACK (the caller must hold the lock). */
    boolean takeOwedRollback() {
        guard.lock();
        try {
            boolean owed = rollbackOwed;
            rollbackOwed = false;
            return owed;
        } finally {
            guard.unlock();
        }
    }

    boolean isHeldBy(Object session) {
        guard.lock();
        try {
            return owner == session;
        } finally {
            guard.unlock();
        }
    }

    /**
     * Takes the lock for one request (the owner only marks itself busy), waiting up to {@code timeout}
     * for the owner to release it, or taking it over from an owner that has held it for
     * {@code holdLimit} and is between two requests ({@link Duration#ZERO}: never).
     *
     * @return false, without taking the lock, when this session's transaction was taken over
     * @throws SQLException {@code HY000} when the wait timed out, {@code HY008} when interrupted
     */
    boolean acquire(Object session, Duration timeout, Duration holdLimit) throws SQLException {
        guard.lock();
        try {
            if (owner == session) {
                ownerBusy = true;
                return true;
            }
            if (takenOver.remove(session)) {
                return false;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            waiters.addLast(session);
            try {
                while (true) {
                    long now = System.nanoTime();
                    boolean first = waiters.peekFirst() == session;
                    if (first && owner != null && mayTakeOver(now, holdLimit)) {
                        takenOver.add(owner);
                        owner = null;
                        rollbackOwed = true;
                    }
                    if (first && owner == null) {
                        owner = session;
                        ownerBusy = true;
                        ownerSince = now;
                        return true;
                    }
                    long wake = deadline - now;
                    if (wake <= 0) {
                        throw timedOut(timeout);
                    }
                    if (first && owner != null && !ownerBusy && !holdLimit.isZero()) {
                        wake = Math.min(wake, ownerSince + holdLimit.toNanos() - now); // when it may be taken over
                    }
                    changed.awaitNanos(Math.max(wake, 1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SqlExceptions.interrupted(
                        "interrupted while waiting for another connection's transaction on the minimal server to end",
                        e);
            } finally {
                waiters.remove(session);
                changed.signalAll();
            }
        } finally {
            guard.unlock();
        }
    }

    private boolean mayTakeOver(long now, Duration holdLimit) {
        return !ownerBusy && !holdLimit.isZero() && now - ownerSince >= holdLimit.toNanos();
    }

    private static SQLException timedOut(Duration timeout) {
        return SqlExceptions.transientFailure(
                "another connection's transaction has held the minimal server (tursodb: one engine connection"
                        + " shared by all clients) for more than " + timeout.toSeconds()
                        + " s; transactions on such a server run one at a time (property sharedConnectionLockTimeout)");
    }

    /**
     * For a request of the owner that must not wait (rollback, close): marks it busy.
     *
     * @return false when this session does not own the lock (its transaction was taken over)
     */
    boolean resume(Object session) {
        guard.lock();
        try {
            if (owner == session) {
                ownerBusy = true;
                return true;
            }
            takenOver.remove(session);
            return false;
        } finally {
            guard.unlock();
        }
    }

    /** The owner's request ended but its transaction goes on: it may be taken over from now on. */
    void idle(Object session) {
        guard.lock();
        try {
            if (owner == session) {
                ownerBusy = false;
                changed.signalAll();
            }
        } finally {
            guard.unlock();
        }
    }

    void release(Object session) {
        guard.lock();
        try {
            if (owner == session) {
                owner = null;
                ownerBusy = false;
                changed.signalAll();
            }
        } finally {
            guard.unlock();
        }
    }
}
