package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/**
 * A condition on a batch step (Hrana 3 spec, "Batches"). Steps may only refer to earlier steps.
 * {@link IsAutocommit} exists on {@code /v3} only. Portable clients use only {@link Ok} and
 * {@link Not} of {@link Ok}: servers differ in what {@link Error} means for a skipped step.
 */
public sealed interface BatchCond
        permits BatchCond.Ok, BatchCond.Error, BatchCond.Not, BatchCond.And, BatchCond.Or, BatchCond.IsAutocommit {

    /** True when step {@code step} ran and succeeded. */
    record Ok(int step) implements BatchCond {}

    /** True when step {@code step} failed (sqld: or was skipped). */
    record Error(int step) implements BatchCond {}

    record Not(BatchCond cond) implements BatchCond {}

    record And(List<BatchCond> conds) implements BatchCond {
        public And {
            conds = List.copyOf(conds);
        }
    }

    record Or(List<BatchCond> conds) implements BatchCond {
        public Or {
            conds = List.copyOf(conds);
        }
    }

    /** True when the stream is in autocommit mode (no open transaction). v3 only. */
    record IsAutocommit() implements BatchCond {}
}
