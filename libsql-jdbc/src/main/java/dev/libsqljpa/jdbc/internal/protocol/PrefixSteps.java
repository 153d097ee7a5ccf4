package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Arrays;
import java.util.List;

/**
 * The steps every request starts with, and what their answers mean for the connection: an owed
 * {@code ROLLBACK} (see {@link TransactionState#rollbackOwed()}), {@code PRAGMA foreign_keys=ON}
 * on a new stream, {@code BEGIN} when a transaction is due, and the queued statements of
 * {@link DeferredQueue}, each gated on the one before.
 */
final class PrefixSteps {
    private static final Stmt FOREIGN_KEYS_ON = Stmt.of("PRAGMA foreign_keys=ON", List.of(), false);
    /**
     * Minimal servers have no streams, so a restart between two requests of a transaction goes
     * unseen: this step runs only while the server is inside a transaction, and everything after it
     * is gated on it. Skipped means the server lost our transaction.
     */
    private static final Stmt IN_TRANSACTION = Stmt.of("SELECT 1", List.of(), true);

    static final String LOST_ON_MINIMAL = "the server is no longer inside the transaction (tursodb has no"
            + " streams: it was restarted, or the transaction was ended by other means)";

    private final Session session;
    private final TransactionState tx;
    private final DeferredQueue queue;
    private final boolean foreignKeys;

    PrefixSteps(Session session, boolean foreignKeys) {
        this.session = session;
        this.tx = session.tx;
        this.queue = session.queue;
        this.foreignKeys = foreignKeys;
    }

    /** {@code PRAGMA foreign_keys=ON} when the next request opens a stream that needs it, else null. */
    Stmt foreignKeyPragma() {
        if (!foreignKeys) {
            return null;
        }
        // A stream keeps its pragma; minimal servers have no streams and a no-op inside a tx.
        boolean needed = session.minimal() ? !tx.active() : !session.stream().isOpen();
        return needed ? FOREIGN_KEYS_ON : null;
    }

    /** Adds the request prefix: owed ROLLBACK, pragma, BEGIN and queued statements. */
    RequestPlan.Prefix add(RequestPlan plan) {
        return add(plan, !session.autoCommit());
    }

    /**
     * Adds the request prefix; {@code transactional} says whether the request belongs to the
     * manual-commit transaction (BEGIN when due, the queued statements) or runs on its own.
     */
    RequestPlan.Prefix add(RequestPlan plan, boolean transactional) {
        Stmt rollback = tx.rollbackOwed() && !tx.active() ? Session.ROLLBACK : null;
        Stmt pragma = foreignKeyPragma();
        Stmt beginStep = transactional && !tx.active() ? session.begin : null;
        Stmt guard = transactional && session.minimal() && tx.active() ? IN_TRANSACTION : null;
        return plan.addPrefix(rollback, pragma, beginStep, guard, transactional ? queue.snapshot() : List.of());
    }

    /** Whether the request's guard step was skipped: the minimal server lost our transaction. */
    static boolean lostTransaction(RequestPlan.Prefix prefix, List<StmtResult> results, List<HranaError> errors) {
        return prefix.guard() >= 0 && results.get(prefix.guard()) == null && errors.get(prefix.guard()) == null;
    }

    /** Checks the prefix steps of an answered request and updates the transaction state. */
    void check(RequestPlan.Prefix prefix, List<StmtResult> results, List<HranaError> errors)
            throws SQLException, StreamExchange.RetryOnNewStream {
        if (lostTransaction(prefix, results, errors)) {
            // Nothing of this request ran. A transaction that only read is replaced by a new one (as
            // on full servers when a read-only stream expires); one that wrote is lost: 40000.
            boolean deferredRows = queue.hasDeferredRows();
            SQLException lost = SqlExceptions.serverRolledBack("execute", LOST_ON_MINIMAL, null);
            if (!tx.wrote() && !deferredRows) {
                tx.ended();
                throw new StreamExchange.RetryOnNewStream(lost);
            }
            queue.clear();
            tx.abort(LOST_ON_MINIMAL, false);
            throw lost;
        }
        if (prefix.rollback() >= 0) {
            tx.rollbackDelivered(); // an error only means there was nothing left to roll back
        }
        if (prefix.pragma() >= 0 && errors.get(prefix.pragma()) != null) {
            session.addWarning(new SQLWarning(
                    "PRAGMA foreign_keys=ON failed; foreign keys are not enforced on this " + "stream: "
                            + errors.get(prefix.pragma()).message(),
                    "01000"));
        }
        if (prefix.begin() >= 0) {
            if (errors.get(prefix.begin()) != null) {
                queue.clear();
                throw tx.statementFailed("BEGIN", errors.get(prefix.begin()));
            }
            if (results.get(prefix.begin()) != null) {
                tx.begun();
            }
        }
        if (!prefix.queued().isEmpty()) {
            queue.clear();
        }
        for (int i = 0; i < prefix.queued().size(); i++) {
            DeferredQueue.Queued queued = prefix.queued().get(i);
            HranaError error = errors.get(prefix.queuedStep(i));
            if (error != null) {
                session.reconcileAutocommit(true);
                throw pendingFailed(queued, error, "");
            }
            StmtResult result = results.get(prefix.queuedStep(i));
            if (queued.deferred() && result != null) {
                tx.markWrite();
                session.rememberInsert(result.lastInsertRowid());
            }
        }
    }

    /** The failure of a queued statement; a deferred row fails as its batch would have. */
    SQLException pendingFailed(DeferredQueue.Queued queued, HranaError error, String what) {
        if (!queued.deferred()) {
            return tx.statementFailed(queued.stmt().sql() + what, error);
        }
        SQLException cause = tx.statementFailed("executeBatch", error);
        long[] done = new long[queued.row()];
        Arrays.fill(done, 1);
        return SqlExceptions.batchFailed(
                "executeBatch (deferred): statement " + (queued.row() + 1) + " of " + queued.rows() + " failed" + what
                        + ": " + cause.getMessage(),
                done,
                cause);
    }
}
