package dev.libsqljpa.testkit.internal;

import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.testkit.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.sqlite.BusyHandler;

/**
 * The server's state behind HTTP: namespaces (one SQLite file each), the stream registry with
 * signed batons, idle expiry, the write-lock timeout and the halt hook. Thread-safe.
 */
public final class ServerCore {

    private static final System.Logger LOG = System.getLogger(ServerCore.class.getName());

    final ServerConfig config;
    final ServerJson json = new ServerJson();
    final CounterSet counters = new CounterSet();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final Path tempDir;

    // Guarded by `this`.
    private final Map<Long, ServerStream> streams = new HashMap<>();
    private int openStreams;
    private Batons batons;

    private final AtomicLong statementsSinceArm = new AtomicLong();
    private volatile long haltAfter;
    private volatile Predicate<String> haltCounts = sql -> true;

    public ServerCore(ServerConfig config) throws IOException {
        this.config = config;
        this.tempDir = config.databaseFile() == null ? Files.createTempDirectory("libsql-testkit-") : null;
        this.batons = new Batons(random);
    }

    public ServerConfig config() {
        return config;
    }

    public CounterSet counters() {
        return counters;
    }

    /** Counters of a namespace, or null if it was never used. */
    public CounterSet namespaceCounters(String name) {
        Namespace namespace = namespaces.get(name);
        return namespace == null ? null : namespace.counters;
    }

    public void resetCounters() {
        counters.reset();
        namespaces.values().forEach(ns -> ns.counters.reset());
    }

    /** The namespace's database, created on first use. */
    Namespace namespace(String name) throws SQLException {
        try {
            return namespaces.computeIfAbsent(name, n -> {
                try {
                    return new Namespace(n, fileOf(n));
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException("cannot open the database of namespace '" + n + "'", e);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sqlException) {
                throw sqlException;
            }
            throw e;
        }
    }

    private Path fileOf(String name) throws IOException {
        if (tempDir != null) {
            return tempDir.resolve(name + ".db");
        }
        Path file = config.databaseFile().toAbsolutePath();
        if (name.equals(Namespace.DEFAULT)) {
            return file;
        }
        Path dir = file.resolveSibling(file.getFileName() + ".namespaces");
        Files.createDirectories(dir);
        return dir.resolve(name + ".db");
    }

    // ------------------------------------------------------------------ streams

    /** Opens a new stream (null baton). */
    ServerStream openStream(Namespace namespace) throws HttpErrorException, SQLException {
        synchronized (this) {
            if (openStreams >= config.maxOpenStreams()) {
                throw new HttpErrorException(
                        429,
                        "application/json",
                        json.encodeErrorField("Too many open streams: the server allows " + config.maxOpenStreams()
                                + "; close streams or wait for idle ones to expire"));
            }
            openStreams++;
        }
        ServerStream stream;
        try {
            var connection = namespace.open();
            BusyHandler.setHandler(connection, new LockWaiter(this, () -> currentStreamOf(connection)));
            stream = new ServerStream(random.nextLong(), random.nextLong(), namespace, connection, now());
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                openStreams--;
            }
            throw e;
        }
        synchronized (this) {
            while (streams.containsKey(stream.id)) {
                stream = new ServerStream(random.nextLong(), stream.seq, namespace, stream.connection, now());
            }
            streams.put(stream.id, stream);
            connectionOwners.put(stream.connection, stream);
        }
        counters.streamsOpened.incrementAndGet();
        counters.openStreams.incrementAndGet();
        namespace.counters.streamsOpened.incrementAndGet();
        namespace.counters.openStreams.incrementAndGet();
        return stream;
    }

    private final Map<Connection, ServerStream> connectionOwners = new ConcurrentHashMap<>();

    private ServerStream currentStreamOf(Connection connection) {
        return connectionOwners.get(connection);
    }

    /** Takes the stream a baton names, for one request. */
    ServerStream acquire(String baton, Namespace namespace) throws ProtocolException, HttpErrorException {
        Batons.Decoded decoded;
        synchronized (this) {
            decoded = batons.decode(baton);
        }
        if (decoded == null) {
            throw new ProtocolException("Received an invalid baton");
        }
        ServerStream expired = null;
        ServerStream stale = null;
        synchronized (this) {
            ServerStream stream = streams.get(decoded.streamId());
            if (stream == null || stream.namespace != namespace) {
                throw new ProtocolException("Received an invalid baton");
            }
            switch (stream.state) {
                case EXPIRED -> throw streamExpired();
                // Another request is running on the stream: sqld refuses this one and lets the other finish.
                case ACQUIRED -> throw new ProtocolException("Received a baton that has already been used");
                case AVAILABLE -> {}
            }
            if (stream.seq != decoded.seq()) {
                stale = stream;
                removeLocked(stream);
            } else if (isIdleExpired(stream, now())) {
                expired = stream;
                expireLocked(stream, now());
            } else {
                stream.state = ServerStream.State.ACQUIRED;
                stream.seq++;
                return stream;
            }
        }
        if (stale != null) {
            closeConnection(stale);
            throw new ProtocolException("Received a baton that has already been used");
        }
        closeConnection(expired);
        throw streamExpired();
    }

    private HttpErrorException streamExpired() {
        return new HttpErrorException(
                400,
                "application/json",
                json.encodeError(new HranaError("The stream has expired due to inactivity", "STREAM_EXPIRED")));
    }

    /**
     * After a request that could not be decoded: if it carried a valid baton of an idle stream, that
     * stream ends (a client must treat any non-200 answer as the end of its stream).
     */
    void killByBaton(String baton, Namespace namespace) {
        ServerStream victim = null;
        synchronized (this) {
            Batons.Decoded decoded = batons.decode(baton);
            ServerStream stream = decoded == null ? null : streams.get(decoded.streamId());
            if (stream != null
                    && stream.namespace == namespace
                    && stream.state == ServerStream.State.AVAILABLE
                    && stream.seq == decoded.seq()) {
                removeLocked(stream);
                victim = stream;
            }
        }
        if (victim != null) {
            closeConnection(victim);
        }
    }

    /** Ends a request on the stream; returns the next baton, or null when the stream is closed. */
    /** The baton that {@link #release} will hand out for an acquired stream (the cursor endpoint sends it first). */
    synchronized String nextBaton(ServerStream stream) {
        return batons.encode(stream.id, stream.seq);
    }

    String release(ServerStream stream, boolean close) {
        if (close) {
            kill(stream);
            return null;
        }
        synchronized (this) {
            if (stream.state != ServerStream.State.ACQUIRED || streams.get(stream.id) != stream) {
                return null;
            }
            stream.state = ServerStream.State.AVAILABLE;
            stream.lastUsed = now();
            return batons.encode(stream.id, stream.seq);
        }
    }

    /** Closes a stream for good: its connection is rolled back and closed. */
    void kill(ServerStream stream) {
        boolean removed;
        synchronized (this) {
            removed = streams.get(stream.id) == stream && stream.state != ServerStream.State.EXPIRED;
            if (removed) {
                removeLocked(stream);
            }
        }
        if (removed) {
            closeConnection(stream);
        }
    }

    private void removeLocked(ServerStream stream) {
        streams.remove(stream.id);
        countClosedLocked(stream);
    }

    private void expireLocked(ServerStream stream, Instant now) {
        stream.state = ServerStream.State.EXPIRED;
        stream.expiredAt = now;
        countClosedLocked(stream);
    }

    private void countClosedLocked(ServerStream stream) {
        openStreams--;
        counters.streamsClosed.incrementAndGet();
        counters.openStreams.decrementAndGet();
        stream.namespace.counters.streamsClosed.incrementAndGet();
        stream.namespace.counters.openStreams.decrementAndGet();
    }

    private void closeConnection(ServerStream stream) {
        connectionOwners.remove(stream.connection);
        try {
            if (!stream.connection.isClosed()) {
                // Closing rolls back too; roll back first so the lock is released even if close fails.
                if (stream.inTransaction()) {
                    try (Statement statement = stream.connection.createStatement()) {
                        statement.execute("ROLLBACK");
                    }
                }
                stream.connection.close();
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + stream + " failed", e);
        } finally {
            stream.writeLockSince = null;
            notifyLockReleased(stream.namespace);
        }
    }

    private boolean isIdleExpired(ServerStream stream, Instant now) {
        return !now.isBefore(stream.lastUsed.plus(config.idleStreamTimeout()));
    }

    /** Expires idle streams and forgets long-expired ones. Called periodically and while writers wait. */
    public void expireIdleStreams() {
        Instant now = now();
        List<ServerStream> toClose = new ArrayList<>();
        synchronized (this) {
            var iterator = streams.values().iterator();
            while (iterator.hasNext()) {
                ServerStream stream = iterator.next();
                if (stream.state == ServerStream.State.AVAILABLE && isIdleExpired(stream, now)) {
                    expireLocked(stream, now);
                    toClose.add(stream);
                } else if (stream.state == ServerStream.State.EXPIRED
                        && !now.isBefore(stream.expiredAt.plus(config.expiredStreamMemory()))) {
                    iterator.remove();
                }
            }
        }
        toClose.forEach(this::closeConnection);
    }

    /** Closes every stream (stop, restart, halt) and makes all batons invalid. */
    public void closeAllStreams() {
        List<ServerStream> toClose = new ArrayList<>();
        synchronized (this) {
            for (ServerStream stream : streams.values()) {
                if (stream.state != ServerStream.State.EXPIRED) {
                    countClosedLocked(stream);
                    toClose.add(stream);
                }
            }
            streams.clear();
            batons = new Batons(random);
        }
        toClose.forEach(this::closeConnection);
    }

    public synchronized int openStreamCount() {
        return openStreams;
    }

    // ------------------------------------------------------------------ write lock

    /**
     * A statement of {@code stream} waits for the write lock (SQLite busy handler). Rolls back any
     * idle stream of the namespace that has held the write lock for at least the write-lock timeout
     * (sqld's {@code TXN_TIMEOUT}); the victim's next request gets {@code TRANSACTION_TIMEOUT}.
     *
     * @return false to give up (SQLITE_BUSY) after {@code maxLockWait}
     */
    boolean onBusy(ServerStream waiter, int attempt) {
        if (waiter == null) {
            return false;
        }
        Namespace namespace = waiter.namespace;
        if (attempt == 0 || !waiter.waitingForLock) {
            waiter.waitingForLock = true;
            waiter.busyStartNanos = System.nanoTime();
            counters.waitingWriters.incrementAndGet();
            namespace.counters.waitingWriters.incrementAndGet();
        }
        if (System.nanoTime() - waiter.busyStartNanos > config.maxLockWait().toNanos() || !isRegistered(waiter)) {
            // Gave up, or the stream is being closed (restart, halt, stop): fail with SQLITE_BUSY.
            return false;
        }
        expireIdleStreams();
        stealExpiredLocks(waiter);
        synchronized (namespace.lockReleased) {
            try {
                namespace.lockReleased.wait(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private synchronized boolean isRegistered(ServerStream stream) {
        return streams.get(stream.id) == stream && stream.state != ServerStream.State.EXPIRED;
    }

    /** After a statement: the writer that waited is no longer waiting. */
    void doneWaiting(ServerStream stream) {
        if (stream.waitingForLock) {
            stream.waitingForLock = false;
            counters.waitingWriters.decrementAndGet();
            stream.namespace.counters.waitingWriters.decrementAndGet();
        }
    }

    private void stealExpiredLocks(ServerStream waiter) {
        Instant now = now();
        List<ServerStream> victims = new ArrayList<>();
        synchronized (this) {
            for (ServerStream stream : streams.values()) {
                Instant since = stream.writeLockSince;
                if (stream != waiter
                        && stream.namespace == waiter.namespace
                        && stream.state == ServerStream.State.AVAILABLE
                        && since != null
                        && !now.isBefore(since.plus(config.writeLockTimeout()))) {
                    stream.state = ServerStream.State.ACQUIRED;
                    victims.add(stream);
                }
            }
        }
        for (ServerStream victim : victims) {
            try (Statement statement = victim.connection.createStatement()) {
                if (victim.inTransaction()) {
                    statement.execute("ROLLBACK");
                }
                victim.transactionTimedOut = true;
                LOG.log(System.Logger.Level.DEBUG, () -> "rolled back " + victim + ": held the write lock too long");
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "rolling back " + victim + " after its lock timeout failed", e);
            } finally {
                victim.writeLockSince = null;
                synchronized (this) {
                    if (victim.state == ServerStream.State.ACQUIRED && streams.get(victim.id) == victim) {
                        victim.state = ServerStream.State.AVAILABLE;
                    }
                }
            }
        }
    }

    void notifyLockReleased(Namespace namespace) {
        synchronized (namespace.lockReleased) {
            namespace.lockReleased.notifyAll();
        }
    }

    /** Bookkeeping after each executed statement: write-lock tracking and the halt hook. */
    void afterStatement(ServerStream stream, SqlLexer.Statement statement, boolean busyFailure) throws SQLException {
        doneWaiting(stream);
        counters.statementsExecuted.incrementAndGet();
        stream.namespace.counters.statementsExecuted.incrementAndGet();
        boolean inTransaction = !stream.connection.isClosed() && stream.inTransaction();
        if (!inTransaction) {
            if (stream.writeLockSince != null) {
                stream.writeLockSince = null;
                notifyLockReleased(stream.namespace);
            }
        } else if (stream.writeLockSince == null && statement.takesWriteLock() && !busyFailure) {
            stream.writeLockSince = now();
        }
        long armed = haltAfter;
        if (armed > 0 && haltCounts.test(statement.sql()) && statementsSinceArm.incrementAndGet() >= armed) {
            haltAfter = 0;
            throw new HaltException();
        }
    }

    // ------------------------------------------------------------------ halt hook

    /** After {@code statements} more executed statements, {@link HaltException} is thrown. */
    public void armHalt(long statements) {
        armHalt(statements, sql -> true);
    }

    /** Like {@link #armHalt(long)}, counting only the statements whose SQL text {@code counted} accepts. */
    public void armHalt(long statements, Predicate<String> counted) {
        if (statements < 1) {
            throw new IllegalArgumentException("statements must be at least 1");
        }
        if (counted == null) {
            throw new IllegalArgumentException("counted must not be null");
        }
        haltAfter = 0;
        statementsSinceArm.set(0);
        haltCounts = counted;
        haltAfter = statements;
    }

    public void disarmHalt() {
        haltAfter = 0;
    }

    Instant now() {
        return config.clock().instant();
    }

    /** Closes all streams and deletes the temporary database directory, if any. */
    public void shutdown() {
        closeAllStreams();
        if (tempDir != null) {
            try (Stream<Path> files = Files.walk(tempDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete the temporary database " + tempDir, e);
            }
        }
    }

    /** The SQLite file of a namespace, creating the namespace if needed. */
    public Path databaseFile(String name) throws SQLException {
        return namespace(name).file;
    }

    /** The directory holding in-memory namespaces' files, or null for a file database. */
    public Path temporaryDirectory() {
        return tempDir;
    }
}
