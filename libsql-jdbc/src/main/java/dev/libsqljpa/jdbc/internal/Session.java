package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.http.HranaEndpoint;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.GetAutocommitStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The protocol side of one JDBC connection: at most one Hrana stream, the transaction state and
 * the round-trip plan of docs/architecture.md. Every JDBC action becomes at most one HTTP request:
 *
 * <ul>
 *   <li>autocommit statement: {@code [execute, close]} (a {@code batch} when the foreign-key
 *       pragma or, on minimal servers, the update-count query rides along);</li>
 *   <li>{@code setAutoCommit(false)}: nothing; BEGIN and queued savepoint statements ride the next
 *       statement as gated batch steps;</li>
 *   <li>{@code executeBatch}: one {@code batch}, wrapped in BEGIN/COMMIT (+ROLLBACK on failure)
 *       in autocommit so it is all-or-nothing;</li>
 *   <li>commit/rollback: {@code [batch{COMMIT; ROLLBACK if not ok}, close]}, nothing when nothing
 *       was sent.</li>
 * </ul>
 *
 * Outside a transaction no stream is held, so idle pooled connections cannot expire. Thread-safe:
 * calls are serialised.
 */
final class Session {
    private static final Stmt FOREIGN_KEYS_ON = Stmt.of("PRAGMA foreign_keys=ON", List.of(), false);
    private static final Stmt TOTAL_CHANGES = Stmt.of("SELECT total_changes()", List.of(), true);
    private static final Stmt COUNTS = Stmt.of("SELECT changes(), last_insert_rowid(), total_changes()", List.of(), true);
    private static final Stmt COMMIT = Stmt.of("COMMIT", List.of(), false);
    private static final Stmt ROLLBACK = Stmt.of("ROLLBACK", List.of(), false);
    private static final Stmt SELECT_ONE = Stmt.of("SELECT 1", List.of(), true);

    /** Flush deferred rows before the queue holds more than this many statements... */
    static final int MAX_DEFERRED_ROWS = 5000;
    /** ...or more than about this many bytes of JSON. */
    static final long MAX_DEFERRED_BYTES = 4L * 1024 * 1024;

    /**
     * A queued statement: a savepoint statement ({@code rows == 0}) or row {@code row} of a
     * deferred insert batch of {@code rows} rows.
     */
    private record Queued(Stmt stmt, int row, int rows) {
        boolean deferred() {
            return rows > 0;
        }
    }

    /** The outcome of one statement. */
    record Outcome(StmtResult result, boolean hasRows, long updateCount, Long generatedKey) {}

    private final HranaStream stream;
    private final ServerKind kind;
    private final ConnectionSettings settings;
    private final MinimalServerLock minimalLock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Stmt begin;

    private boolean autoCommit = true;
    /** BEGIN was sent and the transaction has not ended. */
    private boolean txActive;
    /** The open transaction executed a statement that may write. */
    private boolean txWrote;
    /** Why the server rolled back the current transaction; statements fail until rollback(). */
    private String abortedReason;
    /**
     * Statements that ride the next request, in order, each gated on the previous: savepoint
     * statements and, in batch-deferral mode, the rows of deferred insert batches.
     */
    private final List<Queued> pending = new ArrayList<>();
    /** Batch deferral (see {@link #beginBatchDeferral()}); ends at commit, rollback and close. */
    private boolean deferral;
    /** Rough JSON size of the deferred rows in {@link #pending}. */
    private long pendingBytes;
    private int pendingRows;
    private SQLException broken;
    /** SQLite's last_insert_rowid() as this connection last saw it (0 on a fresh connection). */
    private long lastInsertRowid;
    private boolean closed;
    private SQLWarning warnings;

    private final InFlightRequest inFlight = new InFlightRequest();

    Session(HranaStream stream, ServerKind kind, ConnectionSettings settings, MinimalServerLock minimalLock) {
        this.stream = stream;
        this.kind = kind;
        this.settings = settings;
        this.minimalLock = minimalLock;
        this.begin = Stmt.of("BEGIN " + settings.transactionMode().name(), List.of(), false);
    }

    /** The endpoint this session's stream talks to (for per-endpoint caches such as the server version). */
    HranaEndpoint endpoint() {
        return stream.endpoint();
    }

    /**
     * For {@link CursorQuery}: the stream when a read-only query may run through the cursor endpoint
     * now (Hrana 3; nothing queued; autocommit without an open stream, or a transaction whose BEGIN was
     * sent), else null. {@link #cursorPrefix()} is what must lead the cursor's batch.
     */
    HranaStream cursorStream() {
        boolean ready = autoCommit ? !stream.isOpen() : txActive;
        return kind == ServerKind.FULL_V3 && ready && pending.isEmpty() && broken == null && abortedReason == null
                && !closed ? stream : null;
    }

    /** The statement a new server stream needs first ({@code PRAGMA foreign_keys=ON}), or null. */
    Stmt cursorPrefix() {
        return needsForeignKeyPragma() ? FOREIGN_KEYS_ON : null;
    }

    ServerKind serverKind() {
        return kind;
    }

    // ---------------------------------------------------------------- state

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isBroken() {
        return broken != null;
    }

    void checkUsable() throws SQLException {
        if (closed) {
            throw SqlExceptions.connectionClosed();
        }
        if (broken != null) {
            throw new SQLNonTransientConnectionException("the connection is broken by an earlier failure and "
                    + "must be closed: " + broken.getMessage(), "08006", broken);
        }
    }

    boolean autoCommit() {
        return autoCommit;
    }

    /** Whether BEGIN has been sent and the transaction is still open. */
    boolean inTransaction() {
        return txActive;
    }

    void setAutoCommit(boolean value, Duration timeout) throws SQLException {
        if (value == autoCommit) {
            return;
        }
        if (value) {
            // JDBC: switching autocommit on commits the current transaction.
            commit(timeout);
        }
        autoCommit = value;
    }

    void queue(Stmt stmt) {
        pending.add(new Queued(stmt, 0, 0));
    }

    // ---------------------------------------------------------------- batch deferral

    /** Turns batch deferral on (idempotent). Deferred batches wait for the next request. */
    void beginBatchDeferral() throws SQLException {
        checkUsable();
        deferral = true;
    }

    boolean batchDeferral() {
        return deferral;
    }

    /** Turns batch deferral off and sends whatever is pending in one request. */
    void endBatchDeferral(Duration timeout) throws SQLException {
        checkUsable();
        deferral = false;
        flushPending(timeout, "endBatchDeferral");
    }

    private boolean hasDeferred() {
        return pendingRows > 0;
    }

    private void clearPending() {
        pending.clear();
        pendingRows = 0;
        pendingBytes = 0;
    }

    private static long estimateBytes(Stmt stmt) {
        long bytes = 64 + stmt.sql().length();
        for (Value value : stmt.args()) {
            bytes += estimateBytes(value);
        }
        for (dev.libsqljpa.hrana.v3.proto.NamedArg arg : stmt.namedArgs()) {
            bytes += 16 + arg.name().length() + estimateBytes(arg.value());
        }
        return bytes;
    }

    private static long estimateBytes(Value value) {
        if (value instanceof Value.TextValue) {
            return 32 + 2L * ((Value.TextValue) value).value().length();
        }
        if (value instanceof Value.BlobValue) {
            return 32 + 4L * ((Value.BlobValue) value).length() / 3;
        }
        return 48;
    }

    /**
     * Sends the pending statements (with BEGIN when due) in one request, if any deferred row is
     * waiting. A failed row fails this call as the batch's {@link BatchUpdateException}.
     */
    private void flushPending(Duration timeout, String context) throws SQLException {
        if (!hasDeferred() || autoCommit) {
            return;
        }
        checkNotAborted();
        acquireMinimal();
        try {
            for (int attempt = 0; ; attempt++) {
                RequestPlan plan = new RequestPlan();
                int[] prefix = new int[4];
                addPrefix(plan, prefix);
                List<StmtResult> results;
                HranaError[] errors;
                try {
                    BatchResult batch = send(plan, true, timeout, context);
                    results = batch.stepResults();
                    errors = batch.stepErrors().toArray(new HranaError[0]);
                } catch (RetryOnNewStream retry) {
                    if (attempt == 0) {
                        continue;
                    }
                    throw retry.failure;
                }
                checkPrefix(plan, prefix, results, errors);
                return;
            }
        } finally {
            releaseMinimalUnlessInTransaction();
        }
    }

    SQLWarning warnings() {
        return warnings;
    }

    void clearWarnings() {
        warnings = null;
    }

    void addWarning(SQLWarning warning) {
        if (warnings == null) {
            warnings = warning;
        } else {
            warnings.setNextWarning(warning);
        }
    }

    // ---------------------------------------------------------------- plans

    private boolean minimal() {
        return kind == ServerKind.MINIMAL;
    }

    private boolean needsForeignKeyPragma() {
        if (!settings.getBoolean(dev.libsqljpa.jdbc.LibsqlProperty.FOREIGN_KEYS)) {
            return false;
        }
        // A stream keeps its pragma; minimal servers have no streams and a no-op inside a tx.
        return minimal() ? !txActive : !stream.isOpen();
    }

    /** Adds the stream prefix: pragma, BEGIN and queued savepoint statements. Returns the gate. */
    private int addPrefix(RequestPlan plan, int[] indexes) {
        indexes[0] = needsForeignKeyPragma() ? plan.add(FOREIGN_KEYS_ON, -1) : -1;
        int gate = -1;
        indexes[1] = -1;
        if (!autoCommit && !txActive) {
            indexes[1] = plan.add(begin, -1);
            gate = indexes[1];
        }
        indexes[2] = plan.steps.size();
        if (!autoCommit) {
            for (Queued queued : pending) {
                gate = plan.add(queued.stmt(), gate);
            }
        }
        indexes[3] = plan.steps.size();
        return gate;
    }

    // ---------------------------------------------------------------- statements

    Outcome execute(Stmt stmt, SqlText text, Duration timeout) throws SQLException {
        checkUsable();
        checkNotAborted();
        if (text.isLastInsertRowidQuery() && stmt.args().isEmpty() && !hasDeferred()) {
            StmtResult local = new StmtResult(List.of(new Col("last_insert_rowid()", null)),
                    List.of(List.of(Value.of(lastInsertRowid))), 0, null, null, 0, 0, null);
            return new Outcome(local, true, -1, null);
        }
        acquireMinimal();
        try {
            for (int attempt = 0; ; attempt++) {
                RequestPlan plan = new RequestPlan();
                int[] prefix = new int[4];
                int gate = addPrefix(plan, prefix);
                boolean counts = minimal() && text.mayWrite();
                int before = counts ? plan.add(TOTAL_CHANGES, gate) : -1;
                int main = plan.add(stmt, counts ? before : gate);
                int after = counts ? plan.add(COUNTS, main) : -1;
                List<StmtResult> results;
                HranaError[] errors;
                boolean keepOpen = !autoCommit || txActive;
                try {
                    BatchResult batch = send(plan, keepOpen, timeout, "execute");
                    results = batch.stepResults();
                    errors = batch.stepErrors().toArray(new HranaError[0]);
                } catch (RetryOnNewStream retry) {
                    if (attempt == 0) {
                        continue;
                    }
                    throw retry.failure;
                }
                checkPrefix(plan, prefix, results, errors);
                if (errors[main] != null) {
                    SQLException failure = statementFailed("execute", errors[main]);
                    reconcileAutocommit(true);
                    throw failure;
                }
                reconcileAutocommit(false);
                StmtResult result = results.get(main);
                if (result == null) {
                    throw new SQLException("execute: the server skipped the statement without an error", "HY000");
                }
                if (txActive && text.mayWrite()) {
                    txWrote = true;
                }
                boolean hasRows = !result.cols().isEmpty();
                long updateCount;
                Long key = null;
                if (counts) {
                    StmtResult before0 = results.get(before);
                    StmtResult after0 = results.get(after);
                    long totalBefore = RequestPlan.integer(before0, 0);
                    long totalAfter = RequestPlan.integer(after0, 2);
                    boolean changed = totalAfter != totalBefore;
                    updateCount = changed ? RequestPlan.integer(after0, 0) : 0;
                    if (changed && text.kind() == SqlText.Kind.INSERT) {
                        key = RequestPlan.integer(after0, 1);
                    }
                } else {
                    updateCount = result.affectedRowCount();
                    if (text.kind() == SqlText.Kind.INSERT && result.affectedRowCount() > 0) {
                        key = result.lastInsertRowid();
                    }
                }
                if (hasRows && text.mayWrite() && text.hasReturning()) {
                    updateCount = result.rows().size();
                }
                if (key != null) {
                    lastInsertRowid = key;
                }
                return new Outcome(result, hasRows, updateCount, key);
            }
        } finally {
            releaseMinimalUnlessInTransaction();
        }
    }

    /**
     * Describes a statement without running it (full servers: one request, on the open stream or
     * a stream opened and closed for it). Null on minimal servers, which have no {@code describe}.
     */
    dev.libsqljpa.hrana.v3.proto.DescribeResult describe(String sql, Duration timeout) throws SQLException {
        checkUsable();
        if (minimal()) {
            return null;
        }
        for (int attempt = 0; ; attempt++) {
            boolean streamWasOpen = stream.isOpen();
            List<StreamRequest> request = List.of(new dev.libsqljpa.hrana.v3.proto.DescribeStreamReq(sql, null));
            List<StreamResult> results;
            try {
                startRequest();
                try {
                    results = streamWasOpen ? stream.send(request, timeout) : stream.sendAndClose(request, timeout);
                } finally {
                    endRequest();
                }
            } catch (HranaException e) {
                try {
                    throw transportFailure("describe", e, streamWasOpen);
                } catch (RetryOnNewStream retry) {
                    if (attempt == 0) {
                        continue;
                    }
                    throw retry.failure;
                }
            }
            StreamResult result = results.get(0);
            if (result instanceof StreamResult.Failure) {
                throw SqlExceptions.fromServer("describe", ((StreamResult.Failure) result).error());
            }
            StreamResponse response = ((StreamResult.Ok) result).response();
            if (response instanceof StreamResponse.Describe) {
                return ((StreamResponse.Describe) response).result();
            }
            throw new SQLNonTransientConnectionException("describe: unexpected response type " + response.type(), "08P01");
        }
    }

    /** The outcome of a batch: counts and generated keys per statement. */
    record BatchOutcome(long[] counts, Long[] keys) {}

    BatchOutcome executeBatch(List<Stmt> stmts, List<SqlText> texts, boolean deferrable, Duration timeout)
            throws SQLException {
        checkUsable();
        checkNotAborted();
        if (stmts.isEmpty()) {
            return new BatchOutcome(new long[0], new Long[0]);
        }
        if (deferral && deferrable && !autoCommit) {
            // Plain single-row inserts: each inserts exactly one row if it succeeds, so the counts
            // are known now; a failure fails the call that sends them (docs/architecture.md).
            long[] counts = new long[stmts.size()];
            for (int i = 0; i < stmts.size(); i++) {
                pending.add(new Queued(stmts.get(i), i, stmts.size()));
                pendingBytes += estimateBytes(stmts.get(i));
                counts[i] = 1;
            }
            pendingRows += stmts.size();
            if (pending.size() > MAX_DEFERRED_ROWS || pendingBytes > MAX_DEFERRED_BYTES) {
                flushPending(timeout, "executeBatch");
            }
            return new BatchOutcome(counts, new Long[stmts.size()]);
        }
        acquireMinimal();
        try {
            for (int attempt = 0; ; attempt++) {
                RequestPlan plan = new RequestPlan();
                int[] prefix = new int[4];
                int gate = addPrefix(plan, prefix);
                boolean wrap = autoCommit;
                int ownBegin = -1;
                if (wrap) {
                    ownBegin = plan.add(begin, gate);
                    gate = ownBegin;
                }
                boolean counts = minimal();
                int before = counts ? plan.add(TOTAL_CHANGES, gate) : -1;
                if (counts) {
                    gate = before;
                }
                int[] mains = new int[stmts.size()];
                int[] afters = new int[stmts.size()];
                for (int i = 0; i < stmts.size(); i++) {
                    mains[i] = plan.add(stmts.get(i), gate);
                    afters[i] = counts ? plan.add(COUNTS, mains[i]) : -1;
                    gate = mains[i];
                }
                int commit = -1;
                if (wrap) {
                    commit = plan.add(COMMIT, gate);
                    plan.addIfFailed(ROLLBACK, commit);
                }
                List<StmtResult> results;
                HranaError[] errors;
                boolean keepOpen = !autoCommit || txActive;
                try {
                    BatchResult batch = send(plan, keepOpen, timeout, "executeBatch");
                    results = batch.stepResults();
                    errors = batch.stepErrors().toArray(new HranaError[0]);
                } catch (RetryOnNewStream retry) {
                    if (attempt == 0) {
                        continue;
                    }
                    throw retry.failure;
                }
                checkPrefix(plan, prefix, results, errors);
                if (ownBegin >= 0 && errors[ownBegin] != null) {
                    throw statementFailed("executeBatch: BEGIN", errors[ownBegin]);
                }
                long[] updateCounts = new long[stmts.size()];
                Long[] keys = new Long[stmts.size()];
                long total = counts ? RequestPlan.integer(results.get(before), 0) : 0;
                for (int i = 0; i < stmts.size(); i++) {
                    HranaError error = errors[mains[i]];
                    StmtResult result = results.get(mains[i]);
                    if (error != null || result == null) {
                        reconcileAutocommit(true);
                        long[] done = java.util.Arrays.copyOf(updateCounts, i);
                        SQLException cause = error != null ? statementFailed("executeBatch", error)
                                : new SQLException("executeBatch: statement " + (i + 1) + " was skipped", "HY000");
                        String what = wrap ? "; the whole batch was rolled back, nothing was applied"
                                : "; the statements before it were applied in the open transaction";
                        throw new BatchUpdateException("executeBatch: statement " + (i + 1) + " of " + stmts.size()
                                + " failed" + what + ": " + cause.getMessage(), cause.getSQLState(),
                                cause.getErrorCode(), done, cause);
                    }
                    if (txActive && texts.get(i).mayWrite()) {
                        txWrote = true;
                    }
                    if (counts) {
                        StmtResult after = results.get(afters[i]);
                        long newTotal = RequestPlan.integer(after, 2);
                        updateCounts[i] = newTotal != total ? RequestPlan.integer(after, 0) : 0;
                        if (newTotal != total && texts.get(i).kind() == SqlText.Kind.INSERT) {
                            keys[i] = RequestPlan.integer(after, 1);
                        }
                        total = newTotal;
                    } else {
                        updateCounts[i] = result.affectedRowCount();
                        if (texts.get(i).kind() == SqlText.Kind.INSERT && result.affectedRowCount() > 0) {
                            keys[i] = result.lastInsertRowid();
                        }
                    }
                    if (!result.cols().isEmpty() && texts.get(i).hasReturning()) {
                        updateCounts[i] = result.rows().size();
                    }
                }
                if (commit >= 0 && errors[commit] != null) {
                    SQLException cause = statementFailed("executeBatch: COMMIT", errors[commit]);
                    throw new BatchUpdateException("executeBatch: COMMIT failed, the batch was rolled back: "
                            + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), new long[0], cause);
                }
                for (Long key : keys) {
                    if (key != null) {
                        lastInsertRowid = key;
                    }
                }
                return new BatchOutcome(updateCounts, keys);
            }
        } finally {
            releaseMinimalUnlessInTransaction();
        }
    }

    /** Checks pragma, BEGIN and queued steps; updates the transaction state. */
    private void checkPrefix(RequestPlan plan, int[] prefix, List<StmtResult> results, HranaError[] errors)
            throws SQLException {
        int pragma = prefix[0];
        int beginStep = prefix[1];
        if (pragma >= 0 && errors[pragma] != null) {
            addWarning(new SQLWarning("PRAGMA foreign_keys=ON failed; foreign keys are not enforced on this "
                    + "stream: " + errors[pragma].message(), "01000"));
        }
        if (beginStep >= 0) {
            if (errors[beginStep] != null) {
                clearPending();
                throw statementFailed("BEGIN", errors[beginStep]);
            }
            if (results.get(beginStep) != null) {
                txActive = true;
                txWrote = false;
            }
        }
        boolean hadPending = prefix[3] > prefix[2];
        List<Queued> sent = hadPending ? new ArrayList<>(pending) : List.of();
        if (hadPending) {
            clearPending();
        }
        for (int i = prefix[2]; i < prefix[3]; i++) {
            Queued queued = sent.get(i - prefix[2]);
            if (errors[i] != null) {
                reconcileAutocommit(true);
                throw pendingFailed(queued, errors[i], "");
            }
            StmtResult result = results.get(i);
            if (queued.deferred() && result != null) {
                if (txActive) {
                    txWrote = true;
                }
                if (result.lastInsertRowid() != null) {
                    lastInsertRowid = result.lastInsertRowid();
                }
            }
        }
    }

    /** The failure of a queued statement; a deferred row fails as its batch would have. */
    private SQLException pendingFailed(Queued queued, HranaError error, String what) {
        if (!queued.deferred()) {
            return statementFailed(queued.stmt().sql() + what, error);
        }
        SQLException cause = statementFailed("executeBatch", error);
        long[] done = new long[queued.row()];
        java.util.Arrays.fill(done, 1);
        return new BatchUpdateException("executeBatch (deferred): statement " + (queued.row() + 1) + " of "
                + queued.rows() + " failed" + what + ": " + cause.getMessage(), cause.getSQLState(),
                cause.getErrorCode(), done, cause);
    }

    private SQLException statementFailed(String context, HranaError error) {
        SQLException mapped = SqlExceptions.fromServer(context, error);
        if ("TRANSACTION_TIMEOUT".equals(error.code()) && txActive) {
            String reason = "the server rolled back the transaction because it held the write lock for more "
                    + "than the server's limit (sqld: 5 s) while another writer waited";
            markAborted(reason);
            return new SQLTransactionRollbackException(context + " failed: " + reason
                    + "; roll back and retry the transaction. Server: " + error.message(), "40000", 0, mapped);
        }
        return mapped;
    }

    /** The server ended the transaction; the (idle) stream is closed by the next commit/rollback. */
    private void markAborted(String reason) {
        txActive = false;
        txWrote = false;
        clearPending();
        abortedReason = reason;
    }

    private void checkNotAborted() throws SQLException {
        if (abortedReason != null && !autoCommit) {
            throw new SQLTransactionRollbackException("the transaction was already rolled back by the server ("
                    + abortedReason + "); call rollback() to start a new one", "40000");
        }
    }

    // ---------------------------------------------------------------- transactions

    void commit(Duration timeout) throws SQLException {
        endTransaction(true, timeout);
    }

    void rollback(Duration timeout) throws SQLException {
        endTransaction(false, timeout);
    }

    private void endTransaction(boolean commit, Duration timeout) throws SQLException {
        checkUsable();
        String aborted = abortedReason;
        abortedReason = null;
        deferral = false;
        try {
            if (!txActive && !(commit && hasDeferred() && aborted == null)) {
                // Rollback of never-sent work (or nothing to do): no request.
                clearPending();
                closeIdleStream(timeout);
                if (commit && aborted != null) {
                    throw new SQLTransactionRollbackException("commit failed: the server had already rolled back "
                            + "the transaction (" + aborted + ")", "40000");
                }
                return;
            }
            RequestPlan plan = new RequestPlan();
            int[] prefix = {-1, -1, 0, 0};
            int gate = -1;
            boolean hadWrites = txWrote || hasDeferred();
            List<Queued> sent = List.of();
            if (commit) {
                acquireMinimal();
                gate = addPrefix(plan, prefix);
                sent = new ArrayList<>(pending);
            }
            clearPending();
            int end;
            if (commit) {
                end = plan.add(COMMIT, gate);
                plan.addIfFailed(ROLLBACK, end);
            } else {
                end = plan.add(ROLLBACK, -1);
            }
            BatchResult result;
            try {
                result = send(plan, false, timeout, commit ? "commit" : "rollback");
            } catch (RetryOnNewStream retry) {
                if (commit && hadWrites) {
                    throw retry.failure;
                }
                return; // the server already ended the transaction: a rollback (or a read-only commit) is done
            } catch (SQLException e) {
                abortedReason = null; // a failed commit/rollback ends the transaction either way
                throw e;
            } finally {
                txActive = false;
                txWrote = false;
            }
            if (prefix[1] >= 0 && result.stepErrors().get(prefix[1]) != null) {
                throw statementFailed("commit: BEGIN", result.stepErrors().get(prefix[1]));
            }
            for (int i = prefix[2]; i < prefix[3]; i++) {
                if (result.stepErrors().get(i) != null) {
                    throw pendingFailed(sent.get(i - prefix[2]), result.stepErrors().get(i),
                            " (commit: the transaction was rolled back)");
                }
            }
            if (result.stepErrors().get(end) != null) {
                throw statementFailed(commit ? "commit (the transaction was rolled back)" : "rollback",
                        result.stepErrors().get(end));
            }
        } finally {
            releaseMinimalUnlessInTransaction();
        }
    }

    private void closeIdleStream(Duration timeout) throws SQLException {
        if (!minimal() && stream.isOpen()) {
            try {
                stream.sendAndClose(List.of(), timeout);
            } catch (HranaException e) {
                stream.reset();
                if (e.reason() != HranaException.Reason.STREAM_EXPIRED && e.reason() != HranaException.Reason.STREAM_LOST) {
                    throw SqlExceptions.fromTransport("closing the stream", e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- requests

    /** A stream that held no written data expired or was lost: retry once on a new stream. */
    private static final class RetryOnNewStream extends Exception {
        private static final long serialVersionUID = 1L;
        final SQLException failure;

        RetryOnNewStream(SQLException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private BatchResult send(RequestPlan plan, boolean keepOpen, Duration timeout, String context)
            throws SQLException, RetryOnNewStream {
        List<StreamRequest> requests = new ArrayList<>(2);
        boolean single = plan.steps.size() == 1 && plan.steps.get(0).condition() == null;
        requests.add(single ? new ExecuteStreamReq(plan.steps.get(0).stmt())
                : new BatchStreamReq(new Batch(plan.steps)));
        boolean askAutocommit = keepOpen && kind == ServerKind.FULL_V3;
        if (askAutocommit) {
            requests.add(new GetAutocommitStreamReq());
        }
        boolean streamWasOpen = stream.isOpen();
        List<StreamResult> results;
        try {
            startRequest();
            try {
                results = keepOpen || minimal() ? stream.send(requests, timeout) : stream.sendAndClose(requests, timeout);
            } finally {
                endRequest();
            }
        } catch (HranaException e) {
            throw transportFailure(context, e, streamWasOpen);
        }
        if (results.size() != requests.size()) {
            broken = new SQLNonTransientConnectionException(context + ": the server answered " + results.size()
                    + " results for " + requests.size() + " requests", "08P01");
            throw broken;
        }
        lastServerAutocommit = null;
        if (askAutocommit) {
            StreamResult autocommitResult = results.get(1);
            if (autocommitResult instanceof StreamResult.Ok
                    && ((StreamResult.Ok) autocommitResult).response() instanceof StreamResponse.GetAutocommit) {
                lastServerAutocommit = ((StreamResponse.GetAutocommit) ((StreamResult.Ok) autocommitResult).response())
                        .isAutocommit();
            }
        }
        StreamResult first = results.get(0);
        if (first instanceof StreamResult.Failure) {
            HranaError error = ((StreamResult.Failure) first).error();
            if (single) {
                List<HranaError> errors = new ArrayList<>();
                errors.add(error);
                List<StmtResult> none = new ArrayList<>();
                none.add(null);
                return new BatchResult(none, errors);
            }
            throw statementFailed(context, error);
        }
        StreamResponse response = ((StreamResult.Ok) first).response();
        if (response instanceof StreamResponse.Execute) {
            List<StmtResult> one = new ArrayList<>();
            one.add(((StreamResponse.Execute) response).result());
            List<HranaError> none = new ArrayList<>();
            none.add(null);
            return new BatchResult(one, none);
        }
        if (response instanceof StreamResponse.Batch) {
            BatchResult batch = ((StreamResponse.Batch) response).result();
            if (batch.stepResults().size() != plan.steps.size() || batch.stepErrors().size() != plan.steps.size()) {
                broken = new SQLNonTransientConnectionException(context + ": the server answered "
                        + batch.stepResults().size() + " step results for " + plan.steps.size() + " steps", "08P01");
                throw broken;
            }
            return batch;
        }
        broken = new SQLNonTransientConnectionException(context + ": unexpected response type " + response.type(), "08P01");
        throw broken;
    }

    /** The get_autocommit answer of the last request (v3, inside a transaction), else null. */
    private Boolean lastServerAutocommit;

    /** Reconciles the transaction state with the server's get_autocommit answer. */
    private void reconcileAutocommit(boolean statementFailed) {
        if (txActive && Boolean.TRUE.equals(lastServerAutocommit)) {
            if (statementFailed) {
                markAborted("the failed statement made the server roll back the transaction");
            } else {
                // The statement itself ended the transaction (COMMIT/ROLLBACK as SQL).
                txActive = false;
                txWrote = false;
            }
        }
    }

    private SQLException transportFailure(String context, HranaException e, boolean streamWasOpen)
            throws RetryOnNewStream {
        boolean cancelled = consumeCancel();
        HranaException.Reason reason = e.reason();
        boolean expired = reason == HranaException.Reason.STREAM_EXPIRED
                || reason == HranaException.Reason.STREAM_LOST && !e.mayHaveBeenProcessed();
        if (expired && streamWasOpen && !cancelled) {
            stream.reset();
            String why = reason == HranaException.Reason.STREAM_EXPIRED
                    ? "the stream expired on the server after being idle longer than its stream timeout (sqld: 10 s)"
                    : "the server no longer knows the stream (it was restarted or the stream was dropped)";
            if (!txActive || !txWrote) {
                // Nothing written is lost: a read-only transaction (or none) is replaced by a new one.
                txActive = false;
                throw new RetryOnNewStream(SqlExceptions.fromTransport(context, e));
            }
            markAborted(why);
            return new SQLTransactionRollbackException(context + " failed: the server rolled back the transaction: "
                    + why + "; its writes were discarded. Roll back and retry the transaction.", "40000", 0, e);
        }
        SQLException mapped = cancelled
                ? new SQLException(context + " was cancelled: " + e.getMessage(), "57014", 0, e)
                : SqlExceptions.fromTransport(context, e);
        if (e.mayHaveBeenProcessed() || cancelled || stream.isBroken() && txActive) {
            // The outcome (or the transaction's state) is unknown: never guess, never resend (STYLE §3).
            broken = mapped;
        } else if (stream.isBroken()) {
            stream.reset(); // nothing reached the server and no transaction was open: usable again
        }
        return mapped;
    }

    // ---------------------------------------------------------------- cancel

    private void startRequest() {
        inFlight.start();
    }

    private void endRequest() {
        inFlight.end();
    }

    private boolean consumeCancel() {
        return inFlight.consumeCancel();
    }

    /** Best effort: interrupts the thread waiting for the in-flight request; the connection breaks. */
    void cancel() {
        inFlight.cancel();
    }

    // ---------------------------------------------------------------- minimal servers

    private void acquireMinimal() throws SQLException {
        if (minimal()) {
            Duration wait = Duration.ofSeconds(settings.getInt(dev.libsqljpa.jdbc.LibsqlProperty.SHARED_CONNECTION_LOCK_TIMEOUT));
            minimalLock.acquire(this, wait);
        }
    }

    private void releaseMinimalUnlessInTransaction() {
        if (minimal() && !txActive) {
            minimalLock.release(this);
        }
    }

    // ---------------------------------------------------------------- validity and close

    boolean isValid(Duration timeout) {
        if (closed || broken != null) {
            return false;
        }
        boolean streamWasOpen = stream.isOpen();
        try {
            List<StreamRequest> request = List.of(new ExecuteStreamReq(SELECT_ONE));
            List<StreamResult> results = streamWasOpen || minimal()
                    ? stream.send(request, timeout) : stream.sendAndClose(request, timeout);
            return results.size() == 1 && results.get(0) instanceof StreamResult.Ok;
        } catch (HranaException e) {
            addWarning(new SQLWarning("isValid: " + e.getMessage(), "08006", e));
            if (stream.isBroken()) {
                if (txActive) {
                    broken = SqlExceptions.fromTransport("isValid", e);
                } else {
                    stream.reset();
                }
            }
            return false;
        }
    }

    /** Ends the stream (rolling back an open transaction) and releases the minimal-server lock. */
    void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        deferral = false;
        clearPending();
        try {
            if (minimal()) {
                // No stream state to be unsure about: always end the shared server's transaction,
                // or every other client would run inside it.
                if (txActive) {
                    stream.send(List.of(new ExecuteStreamReq(ROLLBACK)), null);
                }
            } else if (broken != null) {
                stream.reset();
            } else if (stream.isOpen()) {
                stream.close();
            }
        } catch (HranaException e) {
            stream.reset();
            throw SqlExceptions.fromTransport("closing the connection (the server rolls back the open transaction)", e);
        } finally {
            txActive = false;
            if (minimal()) {
                minimalLock.release(this);
            }
        }
    }

    @Override
    public String toString() {
        return "Session[" + kind + ", autoCommit=" + autoCommit + ", inTransaction=" + txActive + "]";
    }
}
