package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one Hrana request under construction: each step may be gated on an earlier one
 * succeeding ({@code ok}) or not ({@code not ok}), the only conditions that mean the same on sqld
 * and tursodb (docs/architecture.md). A plan of one ungated step is sent as a plain {@code execute}.
 */
final class RequestPlan {
    /**
     * The steps a request starts with, as step indexes ({@code -1} when absent): an owed
     * {@code ROLLBACK} of an abandoned transaction, the foreign-key pragma, {@code BEGIN}, and the
     * queued statements from {@code queuedFrom} on. {@code guard} is the step that runs only while the
     * server is inside a transaction (minimal servers, transaction already begun): when it is skipped
     * the server lost our transaction. {@code gate} is the step the request's own statements are
     * gated on ({@code -1}: none).
     */
    record Prefix(
            int rollback,
            int pragma,
            int begin,
            int guard,
            int queuedFrom,
            List<DeferredQueue.Queued> queued,
            int gate) {
        /** The step index of queued statement {@code i}. */
        int queuedStep(int i) {
            return queuedFrom + i;
        }
    }

    private static final BatchCond NOT_AUTOCOMMIT = new BatchCond.Not(new BatchCond.IsAutocommit());

    final List<BatchStep> steps = new ArrayList<>();

    /**
     * Adds the prefix steps. {@code rollback}, {@code pragma}, {@code begin} and {@code guard} may be
     * null; the rollback and pragma are ungated, BEGIN too, the guard runs only when the server is not
     * in autocommit mode, and each queued statement is gated on the one before it (the first on BEGIN
     * or the guard when there is one).
     */
    Prefix addPrefix(Stmt rollback, Stmt pragma, Stmt begin, Stmt guard, List<DeferredQueue.Queued> queued) {
        int rollbackStep = rollback == null ? -1 : add(rollback, -1);
        int pragmaStep = pragma == null ? -1 : add(pragma, -1);
        int beginStep = begin == null ? -1 : add(begin, -1);
        int guardStep = guard == null ? -1 : addInTransaction(guard);
        int gate = beginStep >= 0 ? beginStep : guardStep;
        int from = steps.size();
        for (DeferredQueue.Queued q : queued) {
            gate = add(q.stmt(), gate);
        }
        return new Prefix(rollbackStep, pragmaStep, beginStep, guardStep, from, queued, gate);
    }

    /**
     * Adds a step that runs only while the server is inside a transaction ({@code not is_autocommit};
     * tursodb evaluates it on {@code /v2}, docs/reliability.md).
     */
    int addInTransaction(Stmt stmt) {
        steps.add(new BatchStep(NOT_AUTOCOMMIT, stmt));
        return steps.size() - 1;
    }

    /** Adds a step that runs when step {@code gate} succeeded (always when {@code gate < 0}). */
    int add(Stmt stmt, int gate) {
        steps.add(new BatchStep(gate < 0 ? null : new BatchCond.Ok(gate), stmt));
        return steps.size() - 1;
    }

    /**
     * Adds the ROLLBACK that ends a transaction when its {@code commit} step did not succeed (failed or
     * skipped). When the request begins the transaction itself ({@code begin >= 0}) the ROLLBACK also
     * needs that BEGIN to have succeeded: a BEGIN that failed started nothing of ours, and on tursodb's
     * shared engine connection the transaction it ran into belongs to another client. {@code
     * inTransactionOnly} adds {@code not is_autocommit} (minimal servers, where the engine connection
     * may run another client's work once ours is gone).
     */
    int addRollbackUnlessCommitted(Stmt rollback, int begin, int commit, boolean inTransactionOnly) {
        List<BatchCond> all = new ArrayList<>(3);
        if (begin >= 0) {
            all.add(new BatchCond.Ok(begin));
        }
        all.add(new BatchCond.Not(new BatchCond.Ok(commit)));
        if (inTransactionOnly) {
            all.add(NOT_AUTOCOMMIT);
        }
        steps.add(new BatchStep(all.size() == 1 ? all.get(0) : new BatchCond.And(all), rollback));
        return steps.size() - 1;
    }

    /** Whether the plan is one ungated step (sent as a plain {@code execute}). */
    boolean isSingle() {
        return steps.size() == 1 && steps.get(0).condition() == null;
    }

    /** An integer from the first row of a counting step's result. */
    static long integer(StmtResult result, int column) throws SQLException {
        if (result == null || result.rows().isEmpty() || result.rows().get(0).size() <= column) {
            throw SqlExceptions.protocolViolation("the server did not answer the update-count query");
        }
        Value value = result.rows().get(0).get(column);
        if (value instanceof Value.IntegerValue integer) {
            return integer.value();
        }
        if (value instanceof Value.NullValue) {
            return 0;
        }
        throw SqlExceptions.protocolViolation("unexpected update-count value from the server: " + value);
    }
}
