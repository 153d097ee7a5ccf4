package dev.libsqljpa.testkit;

import dev.libsqljpa.testkit.internal.CounterSet;
import dev.libsqljpa.testkit.internal.ServerCore;
import java.util.function.Supplier;

/**
 * Live request counters of a {@link LibsqlTestServer}, for the whole server ({@link
 * LibsqlTestServer#counters()}) or one namespace ({@link #namespace(String)}). Use them to assert
 * round trips: every HTTP request the server receives counts once in {@link #httpRequests()}.
 * Thread-safe; values are read at the moment of the call.
 */
public final class ServerCounters {

    private static final CounterSet EMPTY = new CounterSet();

    private final ServerCore core;
    private final Supplier<CounterSet> set;

    ServerCounters(ServerCore core, Supplier<CounterSet> set) {
        this.core = core;
        this.set = set;
    }

    private CounterSet set() {
        CounterSet counters = set.get();
        return counters == null ? EMPTY : counters;
    }

    /** Counters of one namespace ({@code "default"} for paths without {@code /dev/<ns>}). */
    public ServerCounters namespace(String name) {
        return new ServerCounters(core, () -> core.namespaceCounters(name));
    }

    /**
     * HTTP requests received, of any kind (probes, pipelines, rejected ones). For a namespace: its
     * pipeline requests that passed authentication.
     */
    public long httpRequests() {
        return set().httpRequests.get();
    }

    /** {@code POST /v2|v3/pipeline} requests that passed the limits, authentication and body checks. */
    public long pipelineRequests() {
        return set().pipelineRequests.get();
    }

    /** Streams opened (pipelines with a null baton). */
    public long streamsOpened() {
        return set().streamsOpened.get();
    }

    /** Streams ended: closed by the client, expired, ended by an error, or dropped by restart/halt. */
    public long streamsClosed() {
        return set().streamsClosed.get();
    }

    /** Streams open now (a gauge: {@link #reset()} leaves it alone). */
    public int openStreams() {
        return set().openStreams.get();
    }

    /** SQL statements handed to SQLite (each step of a batch or sequence counts). */
    public long statementsExecuted() {
        return set().statementsExecuted.get();
    }

    /** Statements waiting for the write lock now (a gauge). */
    public int waitingWriters() {
        return set().waitingWriters.get();
    }

    /** Sets all counters of the server and of every namespace to zero (gauges excepted). */
    public void reset() {
        core.resetCounters();
    }

    @Override
    public String toString() {
        return "ServerCounters[httpRequests=" + httpRequests() + ", pipelineRequests=" + pipelineRequests()
                + ", streamsOpened=" + streamsOpened() + ", streamsClosed=" + streamsClosed()
                + ", openStreams=" + openStreams() + ", statementsExecuted=" + statementsExecuted() + "]";
    }
}
