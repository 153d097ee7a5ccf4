package dev.libsqljpa.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The idle pool: HikariCP with the starter's defaults behind the {@code idle} proxy, filled, left idle,
 * then borrowed once. Runs on a thread of its own while the other scenarios run (it sends nothing unless
 * the pool does), so a real idle period costs no extra wall time.
 */
final class IdlePool {
    private IdlePool() {}

    /** Requests the pool spent: filling it, idling {@code idle}, and one borrow (HikariCP's isValid) after it. */
    record Spent(long fill, long idle, Duration idleTime, long borrow, int connections) {}

    static CompletableFuture<Spent> start(Servers servers, Duration idle) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return measure(servers, idle);
            } catch (Exception e) {
                throw new IllegalStateException("idle pool scenario failed", e);
            }
        });
    }

    private static Spent measure(Servers servers, Duration idle) throws Exception {
        Servers.Stats start = servers.stats("idle");
        try (HikariDataSource pool = Jpa.pool("jdbc:libsql:" + servers.idle)) {
            int size = pool.getMaximumPoolSize();
            awaitFull(pool, size);
            Servers.Stats filled = servers.stats("idle");
            long t0 = System.nanoTime();
            // The idle period itself: nothing to wait for, the point is that time passes.
            new CountDownLatch(1).await(idle.toMillis(), TimeUnit.MILLISECONDS);
            Duration idled = Duration.ofNanos(System.nanoTime() - t0);
            Servers.Stats idleEnd = servers.stats("idle");
            try (Connection c = pool.getConnection()) {
                c.getAutoCommit();
            }
            Servers.Stats borrowed = servers.stats("idle");
            return new Spent(
                    filled.minus(start).requests(),
                    idleEnd.minus(filled).requests(),
                    idled,
                    borrowed.minus(idleEnd).requests(),
                    size);
        }
    }

    /** Polls until HikariCP holds {@code size} idle connections, with a deadline. */
    private static void awaitFull(HikariDataSource pool, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pool.getHikariPoolMXBean() == null || pool.getHikariPoolMXBean().getIdleConnections() < size) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pool did not fill to " + size + " connections in 60 s");
            }
            new CountDownLatch(1).await(50, TimeUnit.MILLISECONDS);
        }
    }

    static List<Measure.Row> rows(Spent s) {
        String idle = "idle " + s.idleTime().toSeconds() + " s";
        return List.of(
                row("fill " + s.connections() + " connections", s.fill()),
                row(idle, s.idle()),
                row("borrow after idle (HikariCP validates: isValid)", s.borrow()));
    }

    private static Measure.Row row(String variant, long requests) {
        return new Measure.Row(
                "idle pool (HikariCP, starter defaults)",
                0,
                variant,
                Long.toString(requests),
                "",
                "",
                "",
                Double.NaN,
                Double.NaN,
                "");
    }
}
