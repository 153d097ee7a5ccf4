package dev.libsqljpa.jdbc.internal.protocol;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock that serialises the calls of one connection, for try-with-resources:
 * {@code try (var held = session.hold()) { ... }}. Reentrant.
 */
final class SessionLock {
    /** A held lock; closing it releases the lock. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Held held = lock::unlock;

    /** Waits for the lock and returns the handle that releases it. */
    Held hold() {
        lock.lock();
        return held;
    }
}
