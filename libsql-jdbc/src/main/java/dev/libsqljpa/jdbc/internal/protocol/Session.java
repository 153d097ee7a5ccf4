package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.http.HranaEndpoint;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.LibsqlProperty;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.sql.SqlText;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.List;

/**
 * The protocol side of one JDBC connection: at most one Hrana stream, the round-trip plan of
 * docs/architecture.md, and the parts it delegates to: {@link TransactionState} (the state
 * machine), {@link DeferredQueue} (statements that ride the next request), {@link UpdateCounts}
 * (counts per server kind), {@link StreamExchange} (sending, failure classification),
 * {@link BatchExecution} and {@link TransactionEnd}. Every JDBC action becomes at most one HTTP
 * request:
 *
 * <ul>
 *   <li>autocommit statement: {@code [execute, close]} (a {@code batch} when the foreign-key
 *       pragma or, on minimal servers, the update-count query rides along);</li>
 *   <li>{@code setAutoCommit(false)}: nothing; BEGIN and queued savepoint statements ride the next
 *       statement as gated batch steps;</li>
 *   <li>commit/rollback: {@code [batch{COMMIT; ROLLBACK if not ok}, close]}, nothing when nothing
 *       was sent.</li>
 * </ul>
 *
 * Outside a transaction no stream is held, so idle pooled connections cannot expire. Thread-safe:
 * callers hold {@link #hold()}.
 */
public final class Session {
    static final Stmt COMMIT = Stmt.of("COMMIT", List.of(), false);
    static final Stmt ROLLBACK = Stmt.of("ROLLBACK", List.of(), false);

    /** The outcome of one statement. */
    public record Outcome(StmtResult result, boolean hasRows, long updateCount, Long generatedKey) {}

    /** The outcome of a batch: counts and generated keys per statement. */
    public record BatchOutcome(long[] counts, Long[] keys) {}

    private final HranaStream stream;
    private final ServerKind kind;
    private final SessionLock lock = new SessionLock();
    final Stmt begin;
    final TransactionState tx = new TransactionState();
    public final DeferredQueue queue = new DeferredQueue();
    final StreamExchange exchange;
    private final TransactionEnd ending;
    private final PrefixSteps prefixes;
    /** The minimal server's per-JVM lock as this session uses it (a no-op on full servers). */
    final SharedServerAccess shared;

    private boolean autoCommit = true;
    /** {@code Connection.setReadOnly}: queries before a transaction's first write run on their own. */
    private boolean readOnly;
    /** SQLite's last_insert_rowid() as this connection last saw it (0 on a fresh connection). */
    private long lastInsertRowid;

    private boolean closed;
    private SQLWarning warnings;

    public Session(HranaStream stream, ServerKind kind, ConnectionSettings settings, MinimalServerLock minimalLock) {
        this.stream = stream;
        this.kind = kind;
        this.begin = Stmt.of("BEGIN " + settings.transactionMode().name(), List.of(), false);
        this.exchange = new StreamExchange(stream, kind, tx);
        this.ending = new TransactionEnd(this);
        this.prefixes = new PrefixSteps(this, settings.getBoolean(LibsqlProperty.FOREIGN_KEYS));
        this.shared = new SharedServerAccess(this, settings, minimalLock);
    }

    /** The endpoint this session's stream talks to (for per-endpoint caches such as the server version). */
    public HranaEndpoint endpoint() {
        return stream.endpoint();
    }

    /**
     * For the cursor query: the stream when a read-only query may run through the cursor endpoint
     * now (Hrana 3; nothing queued; autocommit without an open stream, or a transaction whose BEGIN was
     * sent), else null. {@link #cursorPrefix()} is what must lead the cursor's batch.
     */
    public HranaStream cursorStream() {
        boolean ready = autoCommit ? !stream.isOpen() && !tx.serverMayHold() : tx.active();
        return kind == ServerKind.FULL_V3
                        && ready
                        && queue.isEmpty()
                        && exchange.broken() == null
                        && !tx.aborted()
                        && !tx.rollbackOwed()
                        && !closed
                ? stream
                : null;
    }

    /** A cursor query ran inside the transaction: from now on it holds a read snapshot. */
    public void cursorOpened() {
        tx.markStatement();
    }

    /**
     * A cursor's answer failed below the SQL level (it stalled past the timeout, broke off or was not
     * Hrana), so the server stream it used is unusable. In autocommit that stream was the cursor's own:
     * it is forgotten (the server expires it; a query left nothing on it) and the next statement opens a
     * new one. In a transaction it was the transaction's stream: the connection is broken (08006 on
     * every later call but close and rollback), as after any failure whose outcome is unknown.
     */
    public void cursorFailed(SQLException failure) {
        if (tx.active()) {
            exchange.breakWith(failure);
        } else {
            stream.reset();
        }
    }

    /** The statement a new server stream needs first ({@code PRAGMA foreign_keys=ON}), or null. */
    public Stmt cursorPrefix() {
        return prefixes.foreignKeyPragma();
    }

    public ServerKind serverKind() {
        return kind;
    }

    HranaStream stream() {
        return stream;
    }

    boolean minimal() {
        return kind == ServerKind.MINIMAL;
    }

    // ---------------------------------------------------------------- state

    /** Takes the connection's lock: {@code try (var held = session.hold()) {...}}. */
    public SessionLock.Held hold() {
        return lock.hold();
    }

    public boolean isClosed() {
        return closed;
    }

    boolean isBroken() {
        return exchange.broken() != null;
    }

    public void checkUsable() throws SQLException {
        if (closed) {
            throw SqlExceptions.connectionClosed();
        }
        if (exchange.broken() != null) {
            throw SqlExceptions.broken(exchange.broken());
        }
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    /** Whether BEGIN has been sent and the transaction is still open. */
    boolean inTransaction() {
        return tx.active();
    }

    public void setAutoCommit(boolean value, Duration timeout) throws SQLException {
        if (value == autoCommit) {
            return;
        }
        if (value) {
            // JDBC: switching autocommit on commits the current transaction.
            commit(timeout);
        }
        autoCommit = value;
    }

    /** {@code Connection.setReadOnly}: see {@link #standaloneRead}. */
    public void readOnly(boolean value) {
        readOnly = value;
    }

    /**
     * Whether a statement runs as a read of its own although autocommit is off: the connection is
     * read-only, the statement cannot write, and its transaction has not begun (no BEGIN sent, nothing
     * queued, no stream held). It is then sent like an autocommit query, without BEGIN and closing its
     * stream in the same request, so the transaction's {@code commit()} has nothing to end (0 requests
     * instead of 1). Each such query sees its own snapshot; the first statement that may write begins
     * the transaction as usual (docs/jdbc.md, "Read-only transactions").
     */
    boolean standaloneRead(SqlText text) {
        return readOnly
                && !autoCommit
                && !text.mayWrite()
                && !tx.active()
                && !tx.aborted()
                && !tx.rollbackOwed()
                && queue.isEmpty()
                && !stream.isOpen();
    }

    /** Queues a savepoint statement; it rides the next request. */
    public void queue(Stmt stmt) {
        queue.add(stmt);
    }

    void rememberInsert(Long key) {
        if (key != null) {
            lastInsertRowid = key;
        }
    }

    public SQLWarning warnings() {
        return warnings;
    }

    public void clearWarnings() {
        warnings = null;
    }

    public void addWarning(SQLWarning warning) {
        if (warnings == null) {
            warnings = warning;
        } else {
            warnings.setNextWarning(warning);
        }
    }

    // ---------------------------------------------------------------- batch deferral

    /** Turns batch deferral on (idempotent). Deferred batches wait for the next request. */
    public void beginBatchDeferral() throws SQLException {
        checkUsable();
        queue.deferral(true);
    }

    public boolean batchDeferral() {
        return queue.deferral();
    }

    /** Turns batch deferral off and sends whatever is pending in one request. */
    public void endBatchDeferral(Duration timeout) throws SQLException {
        checkUsable();
        queue.deferral(false);
        flushPending(timeout, "endBatchDeferral");
    }

    /**
     * Sends the pending statements (with BEGIN when due) in one request, if any deferred row is
     * waiting. A failed row fails this call as the batch's {@code BatchUpdateException}.
     */
    void flushPending(Duration timeout, String context) throws SQLException {
        if (!queue.hasDeferredRows() || autoCommit) {
            return;
        }
        tx.checkNotAborted();
        shared.acquire();
        try {
            StreamExchange.retryOnFreshStream(() -> {
                RequestPlan plan = new RequestPlan();
                RequestPlan.Prefix prefix = addPrefix(plan);
                BatchResult batch = sendStatement(plan, context, timeout);
                checkPrefix(prefix, batch.stepResults(), batch.stepErrors());
                return null;
            });
        } finally {
            shared.release();
        }
    }

    // ---------------------------------------------------------------- plans

    /** Adds the request prefix: owed ROLLBACK, pragma, BEGIN and queued statements. */
    RequestPlan.Prefix addPrefix(RequestPlan plan) {
        return prefixes.add(plan);
    }

    /** Adds the request prefix for a request that belongs to the transaction ({@code transactional}) or not. */
    RequestPlan.Prefix addPrefix(RequestPlan plan, boolean transactional) {
        return prefixes.add(plan, transactional);
    }

    /** Checks the prefix steps of an answered request and updates the transaction state. */
    void checkPrefix(RequestPlan.Prefix prefix, List<StmtResult> results, List<HranaError> errors)
            throws SQLException, StreamExchange.RetryOnNewStream {
        prefixes.check(prefix, results, errors);
    }

    /** The failure of a queued statement; a deferred row fails as its batch would have. */
    SQLException pendingFailed(DeferredQueue.Queued queued, HranaError error, String what) {
        return prefixes.pendingFailed(queued, error, what);
    }

    /** Sends a statement request; transport failures get statement semantics ({@link StreamExchange}). */
    BatchResult sendStatement(RequestPlan plan, String context, Duration timeout)
            throws SQLException, StreamExchange.RetryOnNewStream {
        return sendStatement(plan, !autoCommit || tx.active(), true, context, timeout);
    }

    /**
     * Sends a statement request. {@code keepOpen} is false for a request that ends all its work itself
     * (autocommit, or a read-only connection's standalone query); {@code mayWrite} says whether its
     * statements may write, for the message of a timeout whose outcome is unknown.
     */
    private BatchResult sendStatement(
            RequestPlan plan, boolean keepOpen, boolean mayWrite, String context, Duration timeout)
            throws SQLException, StreamExchange.RetryOnNewStream {
        try {
            return exchange.send(plan, keepOpen, timeout, context);
        } catch (StreamExchange.Failed f) {
            if (!keepOpen && exchange.timedOutHoldingNothing(f)) {
                throw SqlExceptions.timedOutOnStatelessServer(context, f.failure, mayWrite);
            }
            throw exchange.statementFailure(context, f);
        }
    }

    /** Reconciles the transaction state with the server's get_autocommit answer. */
    void reconcileAutocommit(boolean statementFailed) {
        if (tx.active() && exchange.serverInAutocommit()) {
            if (statementFailed) {
                tx.abort("the failed statement made the server roll back the transaction", false);
            } else {
                tx.ended(); // the statement itself ended the transaction (COMMIT/ROLLBACK as SQL)
            }
        }
    }

    // ---------------------------------------------------------------- statements

    public Outcome execute(Stmt stmt, SqlText text, Duration timeout) throws SQLException {
        checkUsable();
        tx.checkNotAborted();
        if (text.isLastInsertRowidQuery() && stmt.args().isEmpty() && !queue.hasDeferredRows()) {
            StmtResult local = new StmtResult(
                    List.of(new Col("last_insert_rowid()", null)),
                    List.of(List.of(Value.of(lastInsertRowid))),
                    0,
                    null,
                    null,
                    0,
                    0,
                    null);
            return new Outcome(local, true, -1, null);
        }
        shared.acquire();
        try {
            return StreamExchange.retryOnFreshStream(() -> executeOnce(stmt, text, timeout));
        } finally {
            shared.release();
        }
    }

    private Outcome executeOnce(Stmt stmt, SqlText text, Duration timeout)
            throws SQLException, StreamExchange.RetryOnNewStream {
        boolean standalone = standaloneRead(text);
        boolean transactional = !autoCommit && !standalone;
        RequestPlan plan = new RequestPlan();
        RequestPlan.Prefix prefix = prefixes.add(plan, transactional);
        PragmaReadTransaction own = PragmaReadTransaction.open(
                plan, minimal() && !transactional && !tx.active() && text.readsTablePragma());
        UpdateCounts counts = UpdateCounts.start(kind, text.mayWrite(), plan, prefix.gate());
        int main = counts.add(stmt, counts.gate());
        own.close(main);
        BatchResult batch =
                sendStatement(plan, !standalone && (!autoCommit || tx.active()), text.mayWrite(), "execute", timeout);
        List<StmtResult> results = batch.stepResults();
        checkPrefix(prefix, results, batch.stepErrors());
        own.check(batch.stepErrors(), text.mayWrite(), tx);
        HranaError error = batch.stepErrors().get(main);
        if (error != null) {
            SQLException failure = tx.statementFailed("execute", error);
            reconcileAutocommit(true);
            throw failure;
        }
        reconcileAutocommit(false);
        StmtResult result = results.get(main);
        if (result == null) {
            throw SqlExceptions.general("execute: the server skipped the statement without an error");
        }
        tx.markStatement();
        if (text.mayWrite()) {
            tx.markWrite();
        }
        UpdateCounts.Count count = counts.read(0, result, results, text);
        rememberInsert(count.key());
        return new Outcome(result, !result.cols().isEmpty(), count.updateCount(), count.key());
    }

    /**
     * Describes a statement without running it (full servers: one request, on the open stream or
     * a stream opened and closed for it). Null on minimal servers, which have no {@code describe}.
     */
    public DescribeResult describe(String sql, Duration timeout) throws SQLException {
        checkUsable();
        if (minimal()) {
            return null;
        }
        return StreamExchange.retryOnFreshStream(() -> exchange.describe(sql, timeout));
    }

    public BatchOutcome executeBatch(List<Stmt> stmts, List<SqlText> texts, boolean deferrable, Duration timeout)
            throws SQLException {
        return new BatchExecution(this, stmts, texts).run(deferrable, timeout);
    }

    // ---------------------------------------------------------------- transactions

    public void commit(Duration timeout) throws SQLException {
        ending.commit(timeout);
    }

    public void rollback(Duration timeout) throws SQLException {
        ending.rollback(timeout);
    }

    /**
     * Best effort: interrupts the thread waiting for the in-flight request, or for more rows of a
     * streamed answer or cursor (that read then fails with {@code 57014} and the answer is aborted).
     */
    public void cancel() {
        exchange.cancel();
    }

    /** One read of an answer that arrives after its request. */
    public interface ArrivingRead<T> {
        T read() throws HranaException;
    }

    /**
     * Runs one read of streamed rows or of a cursor so that {@link #cancel()} from another thread can
     * abort its wait for the server. Call without the session lock.
     *
     * @throws SQLException the read's failure, mapped; {@code 57014} when {@link #cancel()} caused it
     */
    public <T> T readArriving(ArrivingRead<T> read, String context) throws SQLException {
        return exchange.readArriving(read, context);
    }

    // ---------------------------------------------------------------- validity and close

    /** Whether the connection works; see {@link TransactionEnd#isValid}. */
    public boolean isValid(Duration timeout) {
        return !closed && exchange.broken() == null && ending.isValid(timeout);
    }

    /** Ends the stream (rolling back an open transaction) and releases the minimal-server lock. */
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            ending.close();
        }
    }

    @Override
    public String toString() {
        return "Session[" + kind + ", autoCommit=" + autoCommit + ", transaction=" + tx + "]";
    }
}
