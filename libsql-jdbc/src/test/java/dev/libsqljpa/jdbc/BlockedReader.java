package dev.libsqljpa.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a result set's rows in a thread of its own, checking each first column against 1, 2, 3, ...
 * until {@code next()} fails or the rows end: for tests that make a read block on a stalled answer and
 * then act on it from the test's thread ({@code Statement.cancel()}).
 */
public final class BlockedReader {
    private final Thread thread;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private BlockedReader(ResultSet rs) {
        thread = new Thread(
                () -> {
                    try {
                        while (rs.next()) {
                            long expected = rows.get() + 1;
                            if (rs.getLong(1) != expected) {
                                throw new AssertionError("row " + expected + " has " + rs.getLong(1));
                            }
                            rows.set(expected);
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "blocked-reader");
        thread.setDaemon(true);
    }

    /** Starts reading {@code rs}. */
    public static BlockedReader start(ResultSet rs) {
        BlockedReader reader = new BlockedReader(rs);
        reader.thread.start();
        return reader;
    }

    /**
     * Waits until the reader has read at least {@code atLeast} rows and is parked (waiting for the
     * body); fails after {@code within}.
     */
    public BlockedReader awaitBlocked(long atLeast, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!(rows.get() >= atLeast && parked())) {
            if (!thread.isAlive()) {
                throw new AssertionError(
                        "the reader ended after " + rows.get() + " rows instead of blocking", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reader did not block within " + within + " (" + rows.get() + " rows)");
            }
            LockSupport.parkNanos(10_000_000L); // a polling interval, not a wait for the condition
        }
        return this;
    }

    private boolean parked() {
        Thread.State state = thread.getState();
        return state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING;
    }

    /** Waits for the reader to end and returns the SQLException that ended it (fails otherwise). */
    public SQLException awaitFailure(Duration within) throws InterruptedException {
        thread.join(within.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the read was still blocked after " + within);
        }
        Throwable t = failure.get();
        if (!(t instanceof SQLException e)) {
            throw new AssertionError("expected the read to fail with an SQLException, got " + t, t);
        }
        return e;
    }

    /** Rows read (each checked) before the read blocked or failed. */
    public long rows() {
        return rows.get();
    }
}
