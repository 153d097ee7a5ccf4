package dev.libsqljpa.jdbc.internal.protocol;

/**
 * The thread waiting for a connection's HTTP request (or for more of a streamed answer), so that {@code Statement.cancel()} can
 * abort it from another thread: interrupting the waiting thread makes the JDK HttpClient cancel
 * the exchange. The interrupt is cleared again by the waiting thread ({@link #consumeCancel()}),
 * so a pooled thread does not keep it. Thread-safe.
 */
final class InFlightRequest {
    private Thread waiting;
    private boolean cancelRequested;

    synchronized void start() {
        waiting = Thread.currentThread();
        cancelRequested = false;
    }

    /**
     * The wait is over. A cancel that came too late to matter (the request had completed) leaves no
     * interrupt behind: the thread's next wait would fail for it.
     */
    synchronized void end() {
        waiting = null;
        if (cancelRequested) {
            cancelRequested = false;
            Thread.interrupted();
        }
    }

    /** Whether the last request was cancelled; clears the interrupt that cancel() delivered. */
    synchronized boolean consumeCancel() {
        boolean was = cancelRequested;
        if (was) {
            cancelRequested = false;
            Thread.interrupted();
        }
        return was;
    }

    /** Interrupts the waiting thread, if a request is in flight. */
    synchronized void cancel() {
        if (waiting != null) {
            cancelRequested = true;
            waiting.interrupt();
        }
    }
}
