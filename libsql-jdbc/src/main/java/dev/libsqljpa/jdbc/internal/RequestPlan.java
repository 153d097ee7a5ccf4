package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one Hrana request under construction: each step may be gated on an earlier one
 * succeeding ({@code ok}) or not ({@code not ok}), the only conditions that mean the same on sqld
 * and tursodb (docs/architecture.md). A plan of one ungated step is sent as a plain {@code execute}.
 */
final class RequestPlan {
    final List<BatchStep> steps = new ArrayList<>();

    /** Adds a step that runs when step {@code gate} succeeded (always when {@code gate < 0}). */
    int add(Stmt stmt, int gate) {
        steps.add(new BatchStep(gate < 0 ? null : new BatchCond.Ok(gate), stmt));
        return steps.size() - 1;
    }

    /** Adds a step that runs when step {@code step} failed or was skipped. */
    int addIfFailed(Stmt stmt, int step) {
        steps.add(new BatchStep(new BatchCond.Not(new BatchCond.Ok(step)), stmt));
        return steps.size() - 1;
    }

    /** An integer from the first row of a counting step's result. */
    static long integer(StmtResult result, int column) throws SQLException {
        if (result == null || result.rows().isEmpty() || result.rows().get(0).size() <= column) {
            throw new SQLException("the server did not answer the update-count query", "08P01");
        }
        Value value = result.rows().get(0).get(column);
        if (value instanceof Value.IntegerValue) {
            return ((Value.IntegerValue) value).value();
        }
        if (value instanceof Value.NullValue) {
            return 0;
        }
        throw new SQLException("unexpected update-count value from the server: " + value, "08P01");
    }
}
