package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.session.HranaRows;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.RowsHead;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.sql.SqlText;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A query on a minimal server (tursodb: {@code /v2/pipeline} only) whose rows are handed to the result
 * set while the answer's body arrives, instead of being decoded into memory first. The request is the
 * one {@link Session#execute} would send (the same prefix steps: pragma, BEGIN, in-transaction guard);
 * the query is its last step, so every step before it is answered before its rows, and only small
 * parts ({@code step_errors}) follow them.
 *
 * <p>The minimal server's per-JVM lock ({@link MinimalServerLock}) stays taken, and marked busy, until
 * the last row is read, the result set is closed or a read fails: tursodb serves one TCP connection at a
 * time, so another connection of this JVM waits for the lock (and fails after
 * {@code sharedConnectionLockTimeout}) rather than in the server's accept queue with no limit. Closing
 * before the end aborts the HTTP exchange (the query only read; nothing is lost). Another statement on
 * the same connection first reads the remaining rows into memory (the server answers one request at a
 * time). A read failure (stall past the timeout, body cut short, malformed JSON) fails {@code next()}; in
 * a transaction the connection is then broken, as with the cursor endpoint.
 */
public final class StreamedRows {

    /** What {@link #open} gives: streamed rows, or the complete outcome when nothing could be streamed. */
    public record Opened(StreamedRows rows, Session.Outcome outcome) {}

    private final Session session;
    private final HranaRows rows;
    private final List<Col> cols;
    private final int main;
    private boolean finished;

    private StreamedRows(Session session, HranaRows rows, List<Col> cols, int main) {
        this.session = session;
        this.rows = rows;
        this.cols = cols;
        this.main = main;
    }

    /** Whether a query with this fetch size streams its rows now: minimal server, fetch size > 0, a query. */
    public static boolean applies(Session session, SqlText text, int fetchSize) {
        return fetchSize > 0
                && session.minimal()
                && text.kind() == SqlText.Kind.QUERY
                && !text.isLastInsertRowidQuery()
                && !text.mayWrite();
    }

    /** Sends the query and reads its answer up to the first row. Call under the session lock. */
    public static Opened open(Session session, Stmt stmt, SqlText text, Duration timeout) throws SQLException {
        session.checkUsable();
        session.tx.checkNotAborted();
        session.shared.acquire();
        Opened opened = null;
        try {
            opened = StreamExchange.retryOnFreshStream(() -> attempt(session, stmt, text, timeout));
            return opened;
        } finally {
            if (opened == null || opened.rows() == null) {
                session.shared.release();
            }
        }
    }

    private static Opened attempt(Session session, Stmt stmt, SqlText text, Duration timeout)
            throws SQLException, StreamExchange.RetryOnNewStream {
        boolean standalone = session.standaloneRead(text);
        RequestPlan plan = new RequestPlan();
        RequestPlan.Prefix prefix = session.addPrefix(plan, !session.autoCommit() && !standalone);
        int main = plan.add(stmt, prefix.gate());
        boolean single = plan.isSingle();
        StreamRequest request =
                single ? new ExecuteStreamReq(plan.steps.get(0).stmt()) : new BatchStreamReq(new Batch(plan.steps));
        HranaRows answer;
        try {
            answer = session.stream().openRows(request, main, timeout);
        } catch (HranaException e) {
            throw session.exchange.statementFailure("executeQuery", new StreamExchange.Failed(e, false, false));
        }
        RowsHead head = answer.opened();
        if (head instanceof RowsHead.Streaming streaming) {
            List<StmtResult> results = new ArrayList<>(streaming.resultsBefore());
            List<HranaError> errors = new ArrayList<>();
            while (results.size() <= main) {
                results.add(null);
            }
            while (errors.size() < results.size()) {
                errors.add(null); // every step before the query has a result, so none failed
            }
            try {
                session.checkPrefix(prefix, results, errors);
            } catch (SQLException | StreamExchange.RetryOnNewStream e) {
                answer.close();
                throw e;
            }
            session.tx.markStatement();
            return new Opened(new StreamedRows(session, answer, streaming.cols(), main), null);
        }
        BatchResult batch;
        if (head instanceof RowsHead.Failed failed) {
            if (!single) {
                throw session.tx.statementFailed("executeQuery", failed.error());
            }
            List<StmtResult> none = new ArrayList<>();
            none.add(null);
            List<HranaError> error = new ArrayList<>();
            error.add(failed.error());
            batch = new BatchResult(none, error);
        } else {
            batch = ((RowsHead.Complete) head).result();
        }
        return new Opened(null, complete(session, prefix, batch, main));
    }

    /** The answer was read whole: the same checks as an execution without streaming. */
    private static Session.Outcome complete(Session session, RequestPlan.Prefix prefix, BatchResult batch, int main)
            throws SQLException, StreamExchange.RetryOnNewStream {
        if (batch.stepResults().size() <= main) {
            throw session.exchange.breakWith(SqlExceptions.protocolViolation("executeQuery: the server answered "
                    + batch.stepResults().size() + " step results for " + (main + 1) + " steps"));
        }
        session.checkPrefix(prefix, batch.stepResults(), batch.stepErrors());
        HranaError error = batch.stepErrors().get(main);
        if (error != null) {
            throw session.tx.statementFailed("executeQuery", error);
        }
        StmtResult result = batch.stepResults().get(main);
        if (result == null) {
            throw SqlExceptions.general("executeQuery: the server skipped the statement without an error");
        }
        session.tx.markStatement();
        return new Session.Outcome(result, !result.cols().isEmpty(), -1, null);
    }

    /** The query's columns. */
    public List<Col> cols() {
        return cols;
    }

    /** The next row, or null after the last one (the shared-server lock is then released). */
    public List<Value> nextRow() throws SQLException {
        if (finished) {
            return null;
        }
        List<Value> row;
        try {
            row = session.readArriving(rows::next, "executeQuery");
        } catch (SQLException failure) {
            try (var held = session.hold()) {
                if (session.tx.active()) {
                    session.exchange.breakWith(failure);
                }
            }
            finish();
            throw failure;
        }
        if (row == null) {
            BatchResult rest = rows.rest();
            finish();
            if (rest == null
                    || rest.stepErrors().size() <= main
                    || rest.stepErrors().get(main) != null) {
                throw SqlExceptions.protocolViolation(
                        "executeQuery: the server sent rows and an error for the same statement, or no step errors");
            }
        }
        return row;
    }

    /** Stops reading: aborts the answer if rows are unread (the exchange is cancelled); idempotent. */
    public void close() {
        if (finished) {
            return;
        }
        rows.close();
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        rows.close();
        try (var held = session.hold()) {
            session.shared.release();
        }
    }
}
