package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.sql.SqlText;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code executeBatch}: deferred (queued for the next request) when batch deferral allows it,
 * else one Hrana {@code batch}, wrapped in BEGIN/COMMIT in autocommit so it is all-or-nothing, with a
 * ROLLBACK that runs only if that BEGIN succeeded and the COMMIT did not (docs/jdbc.md, "Statements and
 * batches").
 */
final class BatchExecution {
    private final Session session;
    private final List<Stmt> stmts;
    private final List<SqlText> texts;

    /** The step indexes of one sent batch. */
    private record Steps(RequestPlan.Prefix prefix, int ownBegin, int[] mains, int commit, UpdateCounts counts) {}

    BatchExecution(Session session, List<Stmt> stmts, List<SqlText> texts) {
        this.session = session;
        this.stmts = stmts;
        this.texts = texts;
    }

    Session.BatchOutcome run(boolean deferrable, Duration timeout) throws SQLException {
        session.checkUsable();
        session.tx.checkNotAborted();
        if (stmts.isEmpty()) {
            return new Session.BatchOutcome(new long[0], new Long[0]);
        }
        if (session.queue.deferral() && deferrable && !session.autoCommit()) {
            // Plain single-row inserts: each inserts exactly one row if it succeeds, so the counts
            // are known now; a failure fails the call that sends them (docs/jdbc.md).
            long[] counts = session.queue.defer(stmts);
            if (session.queue.overBounds()) {
                session.flushPending(timeout, "executeBatch");
            }
            return new Session.BatchOutcome(counts, new Long[stmts.size()]);
        }
        session.shared.acquire();
        try {
            return StreamExchange.retryOnFreshStream(() -> sendOnce(timeout));
        } finally {
            session.shared.release();
        }
    }

    private Session.BatchOutcome sendOnce(Duration timeout) throws SQLException, StreamExchange.RetryOnNewStream {
        Steps steps = plan(new RequestPlan());
        BatchResult batch = session.sendStatement(steps.counts().plan, "executeBatch", timeout);
        session.checkPrefix(steps.prefix(), batch.stepResults(), batch.stepErrors());
        return read(steps, batch.stepResults(), batch.stepErrors());
    }

    private Steps plan(RequestPlan plan) {
        RequestPlan.Prefix prefix = session.addPrefix(plan);
        int gate = prefix.gate();
        boolean wrap = session.autoCommit();
        int ownBegin = wrap ? plan.add(session.begin, gate) : -1;
        if (wrap) {
            gate = ownBegin;
        }
        UpdateCounts counts = UpdateCounts.start(session.serverKind(), true, plan, gate);
        gate = counts.gate();
        int[] mains = new int[stmts.size()];
        for (int i = 0; i < stmts.size(); i++) {
            mains[i] = counts.add(stmts.get(i), gate);
            gate = mains[i];
        }
        int commit = -1;
        if (wrap) {
            commit = plan.add(Session.COMMIT, gate);
            plan.addRollbackUnlessCommitted(Session.ROLLBACK, ownBegin, commit, false);
        }
        return new Steps(prefix, ownBegin, mains, commit, counts);
    }

    private Session.BatchOutcome read(Steps steps, List<StmtResult> results, List<HranaError> errors)
            throws SQLException {
        TransactionState tx = session.tx;
        if (steps.ownBegin() >= 0 && errors.get(steps.ownBegin()) != null) {
            // Every later step is gated on the BEGIN, the ROLLBACK included: nothing else ran.
            SQLException cause = tx.statementFailed("executeBatch: BEGIN", errors.get(steps.ownBegin()));
            throw SqlExceptions.batchFailed(
                    "executeBatch: BEGIN failed, no statement of the batch ran and nothing was applied: "
                            + cause.getMessage(),
                    new long[0],
                    cause);
        }
        long[] updateCounts = new long[stmts.size()];
        Long[] keys = new Long[stmts.size()];
        for (int i = 0; i < stmts.size(); i++) {
            HranaError error = errors.get(steps.mains()[i]);
            StmtResult result = results.get(steps.mains()[i]);
            if (error != null || result == null) {
                session.reconcileAutocommit(true);
                throw failed(i, error, Arrays.copyOf(updateCounts, i), steps.ownBegin() >= 0);
            }
            tx.markStatement();
            if (texts.get(i).mayWrite()) {
                tx.markWrite();
            }
            UpdateCounts.Count count = steps.counts().read(i, result, results, texts.get(i));
            updateCounts[i] = count.updateCount();
            keys[i] = count.key();
        }
        if (steps.commit() >= 0 && errors.get(steps.commit()) != null) {
            SQLException cause = tx.statementFailed("executeBatch: COMMIT", errors.get(steps.commit()));
            throw SqlExceptions.batchFailed(
                    "executeBatch: COMMIT failed, the batch was rolled back: " + cause.getMessage(),
                    new long[0],
                    cause);
        }
        for (Long key : keys) {
            session.rememberInsert(key);
        }
        return new Session.BatchOutcome(updateCounts, keys);
    }

    private BatchUpdateException failed(int i, HranaError error, long[] done, boolean wrapped) {
        SQLException cause = error != null
                ? session.tx.statementFailed("executeBatch", error)
                : SqlExceptions.general("executeBatch: statement " + (i + 1) + " was skipped");
        String what = wrapped
                ? "; the whole batch was rolled back, nothing was applied"
                : "; the statements before it were applied in the open transaction";
        return SqlExceptions.batchFailed(
                "executeBatch: statement " + (i + 1) + " of " + stmts.size() + " failed" + what + ": "
                        + cause.getMessage(),
                done,
                cause);
    }
}
