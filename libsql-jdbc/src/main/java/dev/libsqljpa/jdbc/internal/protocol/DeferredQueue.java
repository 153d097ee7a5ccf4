package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.v3.proto.NamedArg;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements that ride the next request, in order, each gated on the previous: savepoint
 * statements and, in batch-deferral mode, the rows of deferred insert batches (docs/jdbc.md,
 * "Batch deferral"). The queue is cleared only once a request that carried it was answered, so
 * a request that never reached the server leaves it intact.
 */
final class DeferredQueue {
    /** Flush deferred rows before the queue holds more than this many statements... */
    static final int MAX_ROWS = 5000;
    /** ...or more than about this many bytes of JSON. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /**
     * A queued statement: a savepoint statement ({@code rows == 0}) or row {@code row} of a
     * deferred insert batch of {@code rows} rows.
     */
    record Queued(Stmt stmt, int row, int rows) {
        boolean deferred() {
            return rows > 0;
        }
    }

    private final List<Queued> items = new ArrayList<>();
    private boolean deferral;
    private long bytes;
    private int rows;

    /** Whether batch deferral is on; it ends at commit, rollback and close. */
    boolean deferral() {
        return deferral;
    }

    void deferral(boolean on) {
        deferral = on;
    }

    /** Queues a savepoint statement. */
    void add(Stmt stmt) {
        items.add(new Queued(stmt, 0, 0));
    }

    /** Queues the rows of a deferrable insert batch; each counts 1 row when it succeeds. */
    long[] defer(List<Stmt> stmts) {
        long[] counts = new long[stmts.size()];
        for (int i = 0; i < stmts.size(); i++) {
            items.add(new Queued(stmts.get(i), i, stmts.size()));
            bytes += estimateBytes(stmts.get(i));
            counts[i] = 1;
        }
        rows += stmts.size();
        return counts;
    }

    /** Whether the queue has grown past its bounds and must be flushed. */
    boolean overBounds() {
        return items.size() > MAX_ROWS || bytes > MAX_BYTES;
    }

    boolean hasDeferredRows() {
        return rows > 0;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** A copy of the queued statements, in order. */
    List<Queued> snapshot() {
        return List.copyOf(items);
    }

    void clear() {
        items.clear();
        rows = 0;
        bytes = 0;
    }

    private static long estimateBytes(Stmt stmt) {
        long total = 64 + stmt.sql().length();
        for (Value value : stmt.args()) {
            total += estimateBytes(value);
        }
        for (NamedArg arg : stmt.namedArgs()) {
            total += 16 + arg.name().length() + estimateBytes(arg.value());
        }
        return total;
    }

    private static long estimateBytes(Value value) {
        if (value instanceof Value.TextValue text) {
            return 32 + 2L * text.value().length();
        }
        if (value instanceof Value.BlobValue blob) {
            return 32 + 4L * blob.length() / 3;
        }
        return 48;
    }
}
