package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import java.sql.SQLException;
import java.util.List;

/**
 * The tursodb 0.7.0 durability workaround (docs/servers.md, "Durability"). Once tursodb's one engine
 * connection has run an AUTO-COMMIT statement over a table-valued pragma ({@code pragma_table_info(…)}:
 * the driver's metadata queries, the schema tool's query, user SQL), it answers later auto-commit
 * writes without putting them in its log until an explicit transaction commits, so a crash loses
 * them. The same statement inside {@code BEGIN … COMMIT} (or {@code ROLLBACK}) does no harm, so on
 * minimal servers such a statement sent outside a transaction gets one of its own, in the same
 * request:
 *
 * <pre>
 *   [prefix] BEGIN  statement (+ its count steps)
 *   COMMIT    if ok(BEGIN) and ok(statement)
 *   ROLLBACK  if ok(BEGIN) and not ok(COMMIT) and not is_autocommit
 * </pre>
 *
 * The statement is not gated on BEGIN: BEGIN fails only when the engine connection is already inside
 * a transaction this driver does not own (another process: this driver's own transactions are
 * serialised by {@link MinimalServerLock}, and an abandoned one's owed ROLLBACK leads the request).
 * The statement then runs inside that transaction like any auto-commit statement would, which does
 * not cause the problem, and neither COMMIT nor ROLLBACK runs. {@code is_autocommit} keeps the
 * ROLLBACK from failing after an execution error, with which tursodb already ended the transaction.
 */
final class PragmaReadTransaction {
    private static final Stmt BEGIN = Stmt.of("BEGIN", List.of(), false);
    private static final PragmaReadTransaction NONE = new PragmaReadTransaction(null, -1);

    private final RequestPlan plan;
    private final int begin;
    private int commit = -1;
    private int rollback = -1;

    private PragmaReadTransaction(RequestPlan plan, int begin) {
        this.plan = plan;
        this.begin = begin;
    }

    /** Adds BEGIN to the plan when {@code needed}, before the statement's steps. */
    static PragmaReadTransaction open(RequestPlan plan, boolean needed) {
        return needed ? new PragmaReadTransaction(plan, plan.add(BEGIN, -1)) : NONE;
    }

    /** Adds COMMIT and ROLLBACK after the statement (step {@code statement}), if BEGIN was added. */
    void close(int statement) {
        if (begin < 0) {
            return;
        }
        BatchCond begun = new BatchCond.Ok(begin);
        commit = plan.steps.size();
        plan.steps.add(new BatchStep(new BatchCond.And(List.of(begun, new BatchCond.Ok(statement))), Session.COMMIT));
        rollback = plan.steps.size();
        plan.steps.add(new BatchStep(
                new BatchCond.And(List.of(
                        begun,
                        new BatchCond.Not(new BatchCond.Ok(commit)),
                        new BatchCond.Not(new BatchCond.IsAutocommit()))),
                Session.ROLLBACK));
    }

    /**
     * Checks the answered steps: a failed ROLLBACK leaves a transaction on the server, which the
     * connection's next request ends ({@link TransactionState#oweRollback()}); a failed COMMIT after
     * a statement that may write means the write did not happen, so it fails the statement.
     */
    void check(List<HranaError> errors, boolean mayWrite, TransactionState tx) throws SQLException {
        if (begin < 0) {
            return;
        }
        if (errors.get(rollback) != null) {
            tx.oweRollback();
        }
        HranaError commitError = errors.get(commit);
        if (commitError != null && mayWrite) {
            throw tx.statementFailed("execute: COMMIT", commitError);
        }
    }
}
