package dev.libsqljpa.hrana.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The moment a caller's time runs out, on the {@link System#nanoTime()} clock. One value is passed
 * down through stream, endpoint and exchange so that waiting for a lock, detection, retries and the
 * HTTP exchange all share the caller's single timeout. It also keeps that timeout, so that a message
 * names the value the caller configured rather than whatever was left when a request went out.
 *
 * @param atNanos the {@code System.nanoTime()} value at which the time is up
 * @param timeout the whole timeout this deadline was made from, for messages
 */
public record Deadline(long atNanos, Duration timeout) {

    public Deadline {
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The deadline {@code timeout} from now; {@code timeout} must already be clamped by the caller. */
    public static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** The caller's timeout as a message shows it: {@code "300 ms"} (below a millisecond in nanoseconds). */
    public String timeoutText() {
        long millis = timeout.toMillis();
        return millis > 0 ? millis + " ms" : timeout.toNanos() + " ns";
    }

    /** Nanoseconds left; zero or negative once the deadline has passed. */
    public long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    /** The time left, at least one nanosecond, so that an expired deadline still times out rather than waits forever. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(1, remainingNanos()));
    }

    /** Whether the time is up. */
    public boolean passed() {
        return remainingNanos() <= 0;
    }

    /**
     * Takes the lock, waiting at most until this deadline.
     *
     * @param what what the caller waits for, for the message ("another request on this stream")
     * @throws HranaException {@code TIMEOUT} or {@code IO} (interrupted); in both cases nothing was sent
     */
    public void lock(ReentrantLock lock, String what) throws HranaException {
        try {
            if (!lock.tryLock(Math.max(0, remainingNanos()), TimeUnit.NANOSECONDS)) {
                throw new HranaException(
                        HranaException.Reason.TIMEOUT,
                        "Timed out waiting for " + what + "; nothing was sent",
                        false,
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HranaException(
                    HranaException.Reason.IO, "Interrupted while waiting for " + what + "; nothing was sent", false, e);
        }
    }
}
