package dev.libsqljpa.hibernate.tenant;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a tenant's first-use work exactly once per process: the first caller runs it, callers arriving
 * meanwhile wait for that run and share its outcome, later callers pass straight through. A failed run
 * is forgotten, so the next use runs it again; other tenants are never affected. Thread-safe.
 */
final class FirstUse {

    /** The work; its exception is handed to every caller waiting on this run. */
    @FunctionalInterface
    interface Work {
        void run(String tenant) throws Exception;
    }

    private final ConcurrentMap<String, CompletableFuture<Void>> runs = new ConcurrentHashMap<>();
    private final AtomicLong started = new AtomicLong();

    void ensure(String tenant, Work work) throws Exception {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> existing = runs.putIfAbsent(tenant, mine);
        if (existing != null) {
            await(existing);
            return;
        }
        started.incrementAndGet();
        try {
            work.run(tenant);
            mine.complete(null);
        } catch (Exception | Error e) {
            runs.remove(tenant, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static void await(CompletableFuture<Void> run) throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    run.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception exception) {
                        throw exception;
                    }
                    throw (Error) cause;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Marks a tenant done (a fleet migration brought it up to date). */
    void markDone(String tenant) {
        runs.put(tenant, CompletableFuture.completedFuture(null));
    }

    boolean isDone(String tenant) {
        CompletableFuture<Void> run = runs.get(tenant);
        return run != null && run.isDone() && !run.isCompletedExceptionally();
    }

    /** Runs started so far (successful or not). */
    long started() {
        return started.get();
    }
}
