package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;

/**
 * The transaction state machine of one connection; the table of transitions is in
 * docs/reliability.md ("Transaction state machine"). Three phases:
 *
 * <ul>
 *   <li>{@link Phase#NONE}: no transaction of ours is open on the server (autocommit, or manual
 *       commit before the first statement);</li>
 *   <li>{@link Phase#ACTIVE}: BEGIN was sent and answered; the server stream holds the
 *       transaction;</li>
 *   <li>{@link Phase#ABORTED}: the transaction can no longer commit (the server rolled it back,
 *       a commit never reached the server, or a commit's outcome is unknown). Every statement and commit fails with
 *       {@code 40000} naming the reason until {@code rollback()}.</li>
 * </ul>
 *
 * Orthogonal to the phase, {@link #rollbackOwed()} says that the server may still hold a
 * transaction this connection gave up on (a rollback that could not reach the server): a
 * {@code ROLLBACK} step then leads the next request. Not thread-safe; guarded by the session lock.
 */
final class TransactionState {
    enum Phase {
        NONE,
        ACTIVE,
        ABORTED
    }

    private Phase phase = Phase.NONE;
    private boolean wrote;
    private String abortedBecause;
    /** The failure that aborted the transaction (cause of the later 40000 errors), or null. */
    private Throwable abortedBy;

    private boolean rollbackOwed;
    /** A statement of the open transaction succeeded: it holds a read snapshot (DEFERRED). */
    private boolean ranStatement;

    Phase phase() {
        return phase;
    }

    /** BEGIN was answered and the transaction has not ended. */
    boolean active() {
        return phase == Phase.ACTIVE;
    }

    boolean aborted() {
        return phase == Phase.ABORTED;
    }

    /** The open transaction executed a statement that may write. */
    boolean wrote() {
        return wrote;
    }

    /** The server may still hold a transaction of ours that a ROLLBACK must end. */
    boolean rollbackOwed() {
        return rollbackOwed;
    }

    /**
     * Whether the server may hold a transaction of this connection (on minimal servers the
     * shared-connection lock stays held meanwhile).
     */
    boolean serverMayHold() {
        return phase == Phase.ACTIVE || rollbackOwed;
    }

    /** A statement succeeded inside the transaction (from then on it holds a read snapshot). */
    void markStatement() {
        if (phase == Phase.ACTIVE) {
            ranStatement = true;
        }
    }

    /** BEGIN succeeded. */
    void begun() {
        phase = Phase.ACTIVE;
        wrote = false;
        ranStatement = false;
    }

    /** A statement that may write succeeded inside the transaction. */
    void markWrite() {
        if (phase == Phase.ACTIVE) {
            wrote = true;
            ranStatement = true;
        }
    }

    /** The transaction ended on the server (committed, rolled back, or lost with its stream). */
    void ended() {
        phase = Phase.NONE;
        wrote = false;
        ranStatement = false;
        abortedBecause = null;
        abortedBy = null;
    }

    /**
     * The transaction can no longer commit; statements fail until {@code rollback()}.
     *
     * @param reason why, for the messages of later calls
     * @param serverMayStillHold whether the server may still hold it (a ROLLBACK is owed)
     */
    void abort(String reason, boolean serverMayStillHold) {
        abort(reason, serverMayStillHold, null);
    }

    /**
     * As {@link #abort(String, boolean)}, keeping the failure that aborted the transaction as the cause of
     * the errors of later calls: an application that swallowed the first error still sees what the
     * server answered (status and text, without token or baton).
     */
    void abort(String reason, boolean serverMayStillHold, Throwable failure) {
        phase = Phase.ABORTED;
        wrote = false;
        abortedBecause = reason;
        abortedBy = failure;
        rollbackOwed |= serverMayStillHold;
    }

    /** The application rolled back, but the ROLLBACK could not be delivered: it rides the next request. */
    void oweRollback() {
        ended();
        rollbackOwed = true;
    }

    /** The server may hold a transaction that another (closed) connection left behind on tursodb. */
    void inheritRollback() {
        rollbackOwed = true;
    }

    /** The owed ROLLBACK was delivered (or the server lost the transaction). */
    void rollbackDelivered() {
        rollbackOwed = false;
    }

    /** Fails with {@code 40000} while the transaction is aborted. */
    void checkNotAborted() throws SQLException {
        if (phase == Phase.ABORTED) {
            throw SqlExceptions.transactionAborted(abortedBecause, abortedBy);
        }
    }

    /**
     * Maps an in-band error of a statement; {@code TRANSACTION_TIMEOUT} inside a transaction
     * aborts it (the server rolled it back).
     */
    SQLException statementFailed(String context, HranaError error) {
        SQLException mapped = SqlExceptions.fromServer(context, error);
        if (SqlExceptions.isTransactionTimeout(error) && phase == Phase.ACTIVE) {
            SQLException timedOut = SqlExceptions.transactionTimeout(context, error, mapped);
            abort(SqlExceptions.TRANSACTION_TIMEOUT_REASON, false, timedOut);
            return timedOut;
        }
        if (SqlExceptions.isBusy(mapped) && phase == Phase.ACTIVE && ranStatement) {
            // SQLITE_BUSY after a statement of the transaction succeeded (DEFERRED: it holds a read
            // snapshot): waiting cannot help, only a new transaction can write. The server still holds
            // this one until rollback() sends the ROLLBACK.
            SQLException busy = SqlExceptions.busyAfterRead(context, mapped);
            abort(SqlExceptions.BUSY_AFTER_READ_REASON, true, busy);
            return busy;
        }
        return mapped;
    }

    @Override
    public String toString() {
        return phase + (rollbackOwed ? ", rollback owed" : "");
    }
}
