package dev.libsqljpa.hrana.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds the blocking exchanges of one transport: one daemon thread that sleeps until the earliest deadline of
 * the calls in flight and interrupts the caller of a call whose deadline has passed (the JDK client then
 * cancels that exchange). {@link #close()} interrupts every call in flight. A call that ends in time costs an
 * entry in a set and no wake-up of this thread: it is woken only when a call's deadline is earlier than the
 * moment it already sleeps to.
 */
final class Watchdog implements AutoCloseable {

    /** Why a call was ended from outside. */
    enum Abort {
        TIMEOUT,
        CLOSED
    }

    /** The longest sleep without calls in flight; then it looks again (cheap, and bounds any lost wake-up). */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean scanning;
    private volatile long wakeAt;

    Watchdog(String name) {
        wakeAt = System.nanoTime() + IDLE_NANOS;
        thread = new Thread(this::watch, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Registers the calling thread's exchange, ending at {@code deadlineNanos} ({@link System#nanoTime()}). The
     * caller must pass the call to {@link #leave} when the exchange returned or failed, in a {@code finally}.
     */
    Call enter(long deadlineNanos) {
        Call call = new Call(Thread.currentThread(), deadlineNanos);
        calls.add(call);
        if (closed) {
            call.abort(Abort.CLOSED);
        } else if (scanning || deadlineNanos - wakeAt < 0) {
            LockSupport.unpark(thread);
        }
        return call;
    }

    /**
     * Ends the registration.
     *
     * @return null if the call was not ended from outside; otherwise why (the interrupt it caused is cleared)
     */
    Abort leave(Call call) {
        calls.remove(call);
        return call.finish();
    }

    private void watch() {
        while (!closed) {
            scanning = true;
            long now = System.nanoTime();
            long next = now + IDLE_NANOS;
            for (Call call : calls) {
                if (call.deadlineNanos - now <= 0) {
                    call.abort(Abort.TIMEOUT);
                } else if (call.deadlineNanos - next < 0) {
                    next = call.deadlineNanos;
                }
            }
            wakeAt = next;
            scanning = false;
            LockSupport.parkNanos(this, next - System.nanoTime());
        }
    }

    /** Interrupts every call in flight ({@link Abort#CLOSED}) and stops the thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Call call : calls) {
            call.abort(Abort.CLOSED);
        }
        LockSupport.unpark(thread);
    }

    /** One blocking exchange in flight: its caller's thread, its deadline and whether it was ended from outside. */
    static final class Call {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int ABORTING = 2;
        private static final int ABORTED = 3;

        private final Thread caller;
        private final long deadlineNanos;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile Abort abort;

        private Call(Thread caller, long deadlineNanos) {
            this.caller = caller;
            this.deadlineNanos = deadlineNanos;
        }

        /** Interrupts the caller unless its exchange already ended. */
        private void abort(Abort why) {
            if (state.compareAndSet(RUNNING, ABORTING)) {
                abort = why;
                caller.interrupt();
                state.set(ABORTED);
            }
        }

        /** In the caller's thread: null if not aborted; otherwise why, with the interrupt it sent cleared. */
        private Abort finish() {
            if (state.compareAndSet(RUNNING, FINISHED)) {
                return null;
            }
            while (state.get() != ABORTED) {
                Thread.onSpinWait();
            }
            Thread.interrupted(); // the interrupt was ours, not the application's
            return abort;
        }
    }
}
