package dev.libsqljpa.hibernate.tenant;

import dev.libsqljpa.hibernate.schema.SchemaReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hibernate.SessionFactory;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Runs a schema action ({@code update} by default) of the libSQL schema tool over many tenant databases,
 * with bounded parallelism, through the {@link LibsqlMultiTenantConnectionProvider} of a session factory
 * (its templates, tokens and schema settings). It goes on past failures and reports every tenant:
 * {@linkplain TenantResult#applied() applied}, {@linkplain TenantResult#skippedBenign() skipped as benign}
 * statements, or the {@linkplain TenantResult#failedStatement() statement that failed} with the server's
 * message. Rerunnable: an up-to-date tenant applies nothing. Progress goes to a callback at most once per
 * {@linkplain Builder#progressInterval(Duration) interval} and once at the end.
 *
 * <pre>{@code
 * FleetReport report = FleetMigration.builder(sessionFactory)
 *         .tenantsFile(Path.of("tenants.txt")).parallelism(8)
 *         .progress(p -> log.info(p.line())).build().run();
 * }</pre>
 */
public final class FleetMigration {

    /** Outcome of one tenant. */
    public enum Status {
        UP_TO_DATE,
        MIGRATED,
        FAILED
    }

    /**
     * One tenant's result.
     *
     * @param failedStatement the statement that failed, or null (failure before any statement, or none)
     * @param error the failure message, or null
     */
    public record TenantResult(
            String tenant,
            Status status,
            List<String> applied,
            List<String> skippedBenign,
            String failedStatement,
            String error) {}

    /** Progress so far; {@link #line()} is the human-readable form. */
    public record Progress(int done, int failed, int remaining, Duration elapsed, Duration eta) {
        /** e.g. {@code fleet migration: 420 done, 1 failed, 580 remaining, 12 s elapsed, ETA 17 s}. */
        public String line() {
            return "fleet migration: " + done + " done, " + failed + " failed, " + remaining + " remaining, "
                    + seconds(elapsed) + " elapsed, ETA " + (eta == null ? "unknown" : seconds(eta));
        }

        private static String seconds(Duration d) {
            return d.toMillis() < 10_000
                    ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                    : d.toSeconds() + " s";
        }
    }

    /** All tenants' results in input order. */
    public record FleetReport(List<TenantResult> results, Duration elapsed) {
        public long count(Status status) {
            return results.stream().filter(r -> r.status() == status).count();
        }

        public List<TenantResult> failures() {
            return results.stream().filter(r -> r.status() == Status.FAILED).toList();
        }

        /** e.g. {@code 1000 tenants: 999 migrated, 0 up to date, 1 failed in 41.2 s}. */
        public String summary() {
            return results.size() + " tenants: " + count(Status.MIGRATED) + " migrated, " + count(Status.UP_TO_DATE)
                    + " up to date, " + count(Status.FAILED) + " failed in "
                    + String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
        }
    }

    private final LibsqlMultiTenantConnectionProvider provider;
    private final List<String> tenants;
    private final int parallelism;
    private final String action;
    private final Consumer<Progress> progress;
    private final long intervalNanos;

    private FleetMigration(Builder b) {
        this.provider = b.provider;
        this.tenants = List.copyOf(b.tenants);
        this.parallelism = b.parallelism;
        this.action = b.action;
        this.progress = b.progress;
        this.intervalNanos = b.interval.toNanos();
    }

    /**
     * @throws IllegalArgumentException if the session factory's multi-tenant connection provider is not a
     *     {@link LibsqlMultiTenantConnectionProvider}
     */
    public static Builder builder(SessionFactory sessionFactory) {
        MultiTenantConnectionProvider<?> p = sessionFactory
                .unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry()
                .getService(MultiTenantConnectionProvider.class);
        if (!(p instanceof LibsqlMultiTenantConnectionProvider provider)) {
            throw new IllegalArgumentException("the session factory does not use LibsqlMultiTenantConnectionProvider"
                    + " (setting hibernate.multi_tenant_connection_provider)");
        }
        return new Builder(provider);
    }

    /** Settings of a run. Not thread-safe. */
    public static final class Builder {
        private final LibsqlMultiTenantConnectionProvider provider;
        private final List<String> tenants = new ArrayList<>();
        private int parallelism = 4;
        private String action = "update";
        private Consumer<Progress> progress = p -> {};
        private Duration interval = Duration.ofSeconds(1);

        private Builder(LibsqlMultiTenantConnectionProvider provider) {
            this.provider = provider;
        }

        /** Tenant ids (a list, or a callback: any {@code Iterable}). Invalid ids are reported as failed. */
        public Builder tenants(Iterable<String> ids) {
            ids.forEach(tenants::add);
            return this;
        }

        /** Tenant ids from a UTF-8 file, one per line; blank lines and lines starting with {@code #} are skipped. */
        public Builder tenantsFile(Path file) throws IOException {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    tenants.add(id);
                }
            }
            return this;
        }

        /** Tenants migrated at the same time, default 4. */
        public Builder parallelism(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, was " + n);
            }
            this.parallelism = n;
            return this;
        }

        /** {@code update} (default), {@code create} or {@code validate}. */
        public Builder action(String schemaAction) {
            TenantSchemaRunner.Action parsed = TenantSchemaRunner.Action.parse(schemaAction);
            if (parsed == TenantSchemaRunner.Action.NONE) {
                throw new IllegalArgumentException("a fleet migration needs create, update or validate");
            }
            this.action = schemaAction;
            return this;
        }

        public Builder progress(Consumer<Progress> listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** At most one progress call per interval (and one at the end); default 1 s. */
        public Builder progressInterval(Duration every) {
            this.interval = Objects.requireNonNull(every, "every");
            return this;
        }

        public FleetMigration build() {
            return new FleetMigration(this);
        }
    }

    /** Migrates every tenant and returns when all are done. Interrupting stops it (tenants not started are skipped). */
    public FleetReport run() throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Object progressLock = new Object();
        long[] lastReport = {start};
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "libsql-fleet-migration");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TenantResult>> futures = new ArrayList<>(tenants.size());
            for (String tenant : tenants) {
                futures.add(pool.submit(() -> {
                    TenantResult result = migrate(tenant);
                    int d = done.incrementAndGet();
                    int f = result.status() == Status.FAILED ? failed.incrementAndGet() : failed.get();
                    synchronized (progressLock) {
                        // The clock is read under the lock: read before it, a later reading could already
                        // be the last report's, and this report would be skipped as "too soon".
                        long now = System.nanoTime();
                        if (now - lastReport[0] >= intervalNanos && d < tenants.size()) {
                            lastReport[0] = now;
                            progress.accept(progress(d, f, start, now));
                        }
                    }
                    return result;
                }));
            }
            List<TenantResult> results = new ArrayList<>(tenants.size());
            for (Future<TenantResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("fleet migration task failed unexpectedly", e.getCause());
                }
            }
            long end = System.nanoTime();
            synchronized (progressLock) {
                progress.accept(progress(done.get(), failed.get(), start, end));
            }
            return new FleetReport(Collections.unmodifiableList(results), Duration.ofNanos(end - start));
        } finally {
            pool.shutdownNow();
        }
    }

    private Progress progress(int done, int failed, long start, long now) {
        Duration elapsed = Duration.ofNanos(now - start);
        int remaining = tenants.size() - done;
        Duration eta = done == 0 ? null : Duration.ofNanos((now - start) / done * remaining);
        return new Progress(done, failed, remaining, elapsed, eta);
    }

    private TenantResult migrate(String tenant) {
        try {
            SchemaReport report = provider.runSchemaAction(tenant, action);
            List<String> applied = report == null ? List.of() : report.applied();
            List<String> skipped = report == null ? List.of() : report.skipped();
            return new TenantResult(
                    tenant, applied.isEmpty() ? Status.UP_TO_DATE : Status.MIGRATED, applied, skipped, null, null);
        } catch (TenantSchemaException e) {
            SchemaReport report = e.report();
            List<String> failedStatements = report == null ? List.of() : report.failedStatements();
            return new TenantResult(
                    tenant,
                    Status.FAILED,
                    report == null ? List.of() : report.applied(),
                    report == null ? List.of() : report.skipped(),
                    failedStatements.isEmpty() ? null : failedStatements.get(0),
                    e.getMessage());
        } catch (SQLException | RuntimeException e) {
            return new TenantResult(tenant, Status.FAILED, List.of(), List.of(), null, e.getMessage());
        }
    }
}
