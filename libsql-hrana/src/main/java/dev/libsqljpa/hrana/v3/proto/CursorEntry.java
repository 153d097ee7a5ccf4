package dev.libsqljpa.hrana.v3.proto;

import java.util.List;
import java.util.Objects;

/**
 * One line of a {@code /v3/cursor} answer after its head (Hrana 3 spec, "Cursor entries"): together the
 * entries of a cursor carry what a {@link BatchResult} carries, but row by row. An executed step is
 * {@link StepBegin}, any number of {@link Row}s, then {@link StepEnd} or {@link StepError}; a step
 * that failed before it began is a lone {@link StepError}; skipped steps have no entries. {@link Error}
 * ends the cursor with a failure of the whole batch; {@link ReplicationIndex} is sqld's terminator.
 */
public sealed interface CursorEntry {

    record StepBegin(int step, List<Col> cols) implements CursorEntry {
        public StepBegin {
            cols = List.copyOf(cols);
        }
    }

    /** One row; the list is read-only. */
    record Row(List<Value> values) implements CursorEntry {
        public Row {
            values = List.copyOf(values);
        }
    }

    record StepEnd(long affectedRowCount, Long lastInsertRowid) implements CursorEntry {}

    record StepError(int step, HranaError error) implements CursorEntry {
        public StepError {
            Objects.requireNonNull(error, "error");
        }
    }

    record Error(HranaError error) implements CursorEntry {
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The last entry of a complete cursor on sqld (the index may be null). */
    record ReplicationIndex(Long replicationIndex) implements CursorEntry {}
}
