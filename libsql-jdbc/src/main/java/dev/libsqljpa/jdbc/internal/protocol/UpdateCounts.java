package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.jdbc.internal.sql.SqlText;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where update counts and generated keys come from, per server kind: full servers report them in
 * each statement's result; the minimal server (tursodb) always reports 0 and null, so the counts
 * are queried in the same request ({@code SELECT total_changes()} before the statements and
 * {@code SELECT changes(), last_insert_rowid(), total_changes()} after each one).
 */
abstract sealed class UpdateCounts permits UpdateCounts.Reported, UpdateCounts.Queried {
    private static final Stmt TOTAL_CHANGES = Stmt.of("SELECT total_changes()", List.of(), true);
    private static final Stmt COUNTS =
            Stmt.of("SELECT changes(), last_insert_rowid(), total_changes()", List.of(), true);

    /** The count and generated key of one statement. */
    record Count(long updateCount, Long key) {}

    /**
     * Starts counting for a request whose statements may write: on minimal servers adds the
     * {@code total_changes()} step gated on {@code gate}.
     */
    static UpdateCounts start(ServerKind kind, boolean mayWrite, RequestPlan plan, int gate) {
        return kind == ServerKind.MINIMAL && mayWrite ? new Queried(plan, gate) : new Reported(plan, gate);
    }

    final RequestPlan plan;
    private final int gate;

    private UpdateCounts(RequestPlan plan, int gate) {
        this.plan = plan;
        this.gate = gate;
    }

    /** The step the first statement is gated on. */
    int gate() {
        return gate;
    }

    /** Adds a statement gated on {@code gate} (plus its counting step); returns its step index. */
    abstract int add(Stmt stmt, int gate);

    /**
     * The count of the {@code i}-th added statement, read in the order they were added. A
     * {@code RETURNING} statement counts its rows.
     */
    final Count read(int i, StmtResult result, List<StmtResult> results, SqlText text) throws SQLException {
        Count count = count(i, result, results, text);
        if (!result.cols().isEmpty() && text.mayWrite() && text.hasReturning()) {
            return new Count(result.rows().size(), count.key());
        }
        return count;
    }

    abstract Count count(int i, StmtResult result, List<StmtResult> results, SqlText text) throws SQLException;

    /** Full servers: {@code affected_row_count} and {@code last_insert_rowid} of the result. */
    static final class Reported extends UpdateCounts {
        Reported(RequestPlan plan, int gate) {
            super(plan, gate);
        }

        @Override
        int add(Stmt stmt, int gate) {
            return plan.add(stmt, gate);
        }

        @Override
        Count count(int i, StmtResult result, List<StmtResult> results, SqlText text) {
            boolean inserted = text.kind() == SqlText.Kind.INSERT && result.affectedRowCount() > 0;
            return new Count(result.affectedRowCount(), inserted ? result.lastInsertRowid() : null);
        }
    }

    /** Minimal servers: counts from queries riding in the same request. */
    static final class Queried extends UpdateCounts {
        private final int before;
        private final List<Integer> afters = new ArrayList<>();
        private long total = -1;

        Queried(RequestPlan plan, int gate) {
            super(plan, plan.add(TOTAL_CHANGES, gate));
            this.before = gate();
        }

        @Override
        int add(Stmt stmt, int gate) {
            int main = plan.add(stmt, gate);
            afters.add(plan.add(COUNTS, main));
            return main;
        }

        @Override
        Count count(int i, StmtResult result, List<StmtResult> results, SqlText text) throws SQLException {
            if (total < 0) {
                total = RequestPlan.integer(results.get(before), 0);
            }
            StmtResult after = results.get(afters.get(i));
            long newTotal = RequestPlan.integer(after, 2);
            boolean changed = newTotal != total;
            total = newTotal;
            Long key = changed && text.kind() == SqlText.Kind.INSERT ? RequestPlan.integer(after, 1) : null;
            return new Count(changed ? RequestPlan.integer(after, 0) : 0, key);
        }
    }
}
