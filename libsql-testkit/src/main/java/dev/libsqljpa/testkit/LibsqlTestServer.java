package dev.libsqljpa.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.libsqljpa.testkit.internal.HttpFront;
import dev.libsqljpa.testkit.internal.Namespace;
import dev.libsqljpa.testkit.internal.ServerCore;
import dev.libsqljpa.testkit.internal.SqlLexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * An in-JVM libSQL server: Hrana over HTTP ({@code /v2/pipeline}, {@code /v3/pipeline}, JSON) on
 * real SQLite, behaving like sqld as a client sees it (see {@code docs/testkit.md}). Listens on
 * 127.0.0.1 only.
 *
 * <pre>{@code
 * try (LibsqlTestServer server = LibsqlTestServer.builder().build().start()) {
 *     String url = server.url();          // http://127.0.0.1:<port>
 *     long trips = server.counters().httpRequests();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #stop()} is final; {@link #restart()} keeps the port and the data but
 * ends every stream and makes every baton invalid, like a restarted sqld.
 */
public final class LibsqlTestServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LibsqlTestServer.class.getName());
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    static {
        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, the
        // body then waits for the client's delayed ACK (~40 ms per request). The JDK reads this once,
        // when its first HttpServer is created; an explicit setting by the user wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ServerConfig config;
    private final ServerCore core;
    private final ServerCounters counters;
    private final String versionText;
    private final int serverId = SERVER_IDS.incrementAndGet();

    // Guarded by `this`.
    private HttpServer http;
    private ThreadPoolExecutor executor;
    private ScheduledExecutorService reaper;
    private int port;
    private boolean started;
    private boolean stopped;
    private boolean halted;

    private LibsqlTestServer(ServerConfig config) {
        this.config = config;
        try {
            this.core = new ServerCore(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test server's database directory", e);
        }
        this.counters = new ServerCounters(core, core::counters);
        this.versionText = "libsql-testkit " + version() + " (sqld-compatible Hrana over HTTP on SQLite)";
        this.port = config.port();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening on 127.0.0.1; returns this. */
    public synchronized LibsqlTestServer start() {
        if (stopped) {
            throw new IllegalStateException("the server was stopped; build a new one");
        }
        if (started) {
            return this;
        }
        startHttp(Duration.ZERO);
        reaper = Executors.newSingleThreadScheduledExecutor(daemonThreads("libsql-testkit-" + serverId + "-expiry"));
        reaper.scheduleWithFixedDelay(this::expireSafely, 100, 100, TimeUnit.MILLISECONDS);
        started = true;
        return this;
    }

    private void expireSafely() {
        try {
            core.expireIdleStreams();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "stream expiry failed", e);
        }
    }

    private void startHttp(Duration bindRetry) {
        long deadline = System.nanoTime() + bindRetry.toNanos();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        while (true) {
            try {
                http = HttpServer.create(address, 128);
                break;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
                }
                // The old socket of a restarted server can take a moment to be released.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
            }
        }
        int threads = config.maxInFlightRequests() + 8;
        executor = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1024),
                daemonThreads("libsql-testkit-" + serverId + "-http"));
        executor.allowCoreThreadTimeOut(true);
        http.setExecutor(executor);
        http.createContext("/", new HttpFront(core, versionText, this::halt));
        http.start();
        port = http.getAddress().getPort();
        halted = false;
    }

    private void stopHttp() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
    }

    /** The fault hook fired: stop listening, drop every connection and stream, like a crash. */
    private void halt() {
        synchronized (this) {
            if (halted || stopped) {
                return;
            }
            halted = true;
        }
        // Streams first, so they are gone when clients see their connections drop; again after
        // stopping, for any stream opened in between.
        core.closeAllStreams();
        synchronized (this) {
            stopHttp();
        }
        core.closeAllStreams();
    }

    /**
     * Stops and starts again on the same port with the same data: every stream is closed (open
     * transactions roll back) and every baton becomes invalid. Also brings a halted server back.
     */
    public LibsqlTestServer restart() {
        synchronized (this) {
            if (!started || stopped) {
                throw new IllegalStateException("restart() needs a started, not stopped server");
            }
            stopHttp();
        }
        core.disarmHalt();
        core.closeAllStreams();
        synchronized (this) {
            startHttp(Duration.ofSeconds(10));
        }
        return this;
    }

    /** Stops listening, closes all streams and deletes a temporary database. Idempotent. */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopHttp();
            if (reaper != null) {
                reaper.shutdownNow();
            }
        }
        core.shutdown();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Fault hook: after {@code statements} more executed SQL statements the server drops the
     * connection of the request that ran the last one without answering, closes every stream (open
     * transactions roll back; what was committed stays) and stops accepting connections, like a
     * crash. {@link #restart()} brings it back.
     */
    public void haltAfterStatements(long statements) {
        core.armHalt(statements);
    }

    /**
     * Like {@link #haltAfterStatements(long)}, but counts only the executed statements whose SQL text
     * {@code counted} accepts; the others (for example the {@code PRAGMA foreign_keys=ON} a driver
     * sends first on every stream, or a readiness probe) run normally and do not count. The crash
     * happens right after the {@code statements}-th counted statement executed, before it is answered.
     */
    public void haltAfterStatements(long statements, Predicate<String> counted) {
        core.armHalt(statements, counted);
    }

    /**
     * Crash after {@code statements} executed DDL statements ({@code CREATE}, {@code DROP},
     * {@code ALTER}, ...): {@link #haltAfterStatements(long, Predicate)} counting DDL only.
     */
    public void haltAfterDdlStatements(long statements) {
        core.armHalt(statements, SqlLexer::isDdl);
    }

    /** True between {@link #start()} and {@link #stop()} unless halted. */
    public synchronized boolean isRunning() {
        return started && !stopped && !halted;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public synchronized String url() {
        if (!started) {
            throw new IllegalStateException("the server is not started");
        }
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>/dev/<namespace>}: a separate database per namespace, created on first use. */
    public String url(String namespace) {
        String reason = Namespace.invalidReason(namespace);
        if (reason != null) {
            throw new IllegalArgumentException("invalid namespace name: " + reason);
        }
        return url() + "/dev/" + namespace;
    }

    public URI uri() {
        return URI.create(url());
    }

    public synchronized int port() {
        return port;
    }

    public ServerCounters counters() {
        return counters;
    }

    /** The default namespace's SQLite file (for a temporary database: inside a directory deleted at stop). */
    public Path databaseFile() {
        return databaseFile(Namespace.DEFAULT);
    }

    /** A namespace's SQLite file, created if needed. */
    public Path databaseFile(String namespace) {
        try {
            return core.databaseFile(namespace);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open namespace " + namespace, e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "LibsqlTestServer[" + (started ? "http://127.0.0.1:" + port : "not started") + ", " + config + "]";
    }

    static String version() {
        String version = LibsqlTestServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings with sqld's defaults. */
    public static final class Builder {
        private int port;
        private Path databaseFile;
        private String authToken;
        private Duration idleStreamTimeout = Duration.ofSeconds(10);
        private Duration expiredStreamMemory = Duration.ofSeconds(300);
        private Duration writeLockTimeout = Duration.ofSeconds(5);
        private Duration maxLockWait;
        private int maxOpenStreams = 128;
        private int maxInFlightRequests = 128;
        private long maxBodyBytes = 10L * 1024 * 1024;
        private long maxResponseBytes = 10L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The default namespace's SQLite file (other namespaces live in {@code <file>.namespaces/}).
         * Default: an "in-memory" database, i.e. files in a temporary directory deleted at {@link #stop()}
         * (a real file keeps one-connection-per-stream and WAL semantics).
         */
        public Builder databaseFile(Path file) {
            this.databaseFile = file;
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} on pipeline requests; null (default) disables auth. */
        public Builder authToken(String token) {
            this.authToken = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /** An idle stream expires after this (default 10 s, like sqld). */
        public Builder idleStreamTimeout(Duration timeout) {
            this.idleStreamTimeout = positive(timeout, "idleStreamTimeout");
            return this;
        }

        /** How long an expired stream's baton still gets {@code STREAM_EXPIRED} before "invalid baton" (default 300 s). */
        public Builder expiredStreamMemory(Duration memory) {
            this.expiredStreamMemory = positive(memory, "expiredStreamMemory");
            return this;
        }

        /** A transaction holding the write lock this long while another writer waits is rolled back (default 5 s). */
        public Builder writeLockTimeout(Duration timeout) {
            this.writeLockTimeout = positive(timeout, "writeLockTimeout");
            return this;
        }

        /** Real time a statement waits for the write lock before {@code SQLITE_BUSY} (default write-lock timeout + 5 s). */
        public Builder maxLockWait(Duration wait) {
            this.maxLockWait = positive(wait, "maxLockWait");
            return this;
        }

        /** Open streams (each holds a SQLite connection); a new stream beyond it gets 429 (default 128). */
        public Builder maxOpenStreams(int max) {
            this.maxOpenStreams = atLeastOne(max, "maxOpenStreams");
            return this;
        }

        /** Pipeline requests processed at once; more get 429 (default 128). */
        public Builder maxInFlightRequests(int max) {
            this.maxInFlightRequests = atLeastOne(max, "maxInFlightRequests");
            return this;
        }

        /** Largest request body; larger gets 413 (default 10 MiB). */
        public Builder maxBodyBytes(long max) {
            this.maxBodyBytes = atLeastOne(max, "maxBodyBytes");
            return this;
        }

        /** Largest row data of one statement result; more gets {@code RESPONSE_TOO_LARGE} (default 10 MiB). */
        public Builder maxResponseBytes(long max) {
            this.maxResponseBytes = atLeastOne(max, "maxResponseBytes");
            return this;
        }

        /** The clock for stream expiry and the write-lock timeout (see {@link ManualClock}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public LibsqlTestServer build() {
            Duration lockWait = maxLockWait != null ? maxLockWait : writeLockTimeout.plusSeconds(5);
            return new LibsqlTestServer(new ServerConfig(
                    port,
                    databaseFile,
                    authToken,
                    idleStreamTimeout,
                    expiredStreamMemory,
                    writeLockTimeout,
                    lockWait,
                    maxOpenStreams,
                    maxInFlightRequests,
                    maxBodyBytes,
                    maxResponseBytes,
                    clock));
        }

        /** {@code build().start()}. */
        public LibsqlTestServer start() {
            return build().start();
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }

        private static <N extends Number> N atLeastOne(N value, String name) {
            if (value.longValue() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
