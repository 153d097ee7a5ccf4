package dev.libsqljpa.testkit.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Mutable request and stream counters of the server or of one namespace. Thread-safe. */
public final class CounterSet {
    public final AtomicLong httpRequests = new AtomicLong();
    public final AtomicLong pipelineRequests = new AtomicLong();
    public final AtomicLong streamsOpened = new AtomicLong();
    public final AtomicLong streamsClosed = new AtomicLong();
    public final AtomicLong statementsExecuted = new AtomicLong();
    /** A gauge: not touched by {@link #reset()}. */
    public final AtomicInteger openStreams = new AtomicInteger();
    /** A gauge: writers currently waiting for the write lock. */
    public final AtomicInteger waitingWriters = new AtomicInteger();

    public void reset() {
        httpRequests.set(0);
        pipelineRequests.set(0);
        streamsOpened.set(0);
        streamsClosed.set(0);
        statementsExecuted.set(0);
    }
}
