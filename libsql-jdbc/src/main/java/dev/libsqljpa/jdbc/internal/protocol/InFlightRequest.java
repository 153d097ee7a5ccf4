package dev.libsqljpa.jdbc.internal.protocol;

/**
 * The thread waiting for a connection's HTTP request, so that {@code Statement.cancel()} can
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

    synchronized void end() {
        waiting = null;
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
