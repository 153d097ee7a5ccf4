package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.session.HranaCursor;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.CursorEntry;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.protocol.Session;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.sql.SqlText;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A query whose rows are read as they arrive, through Hrana's cursor endpoint ({@code /v3/cursor}),
 * instead of one answer holding every row. Used when the statement has a fetch size (the opt-in:
 * {@code Statement.setFetchSize(n > 0)}, Hibernate's {@code hibernate.jdbc.fetch_size}), the statement
 * is a query, and the server speaks Hrana 3 ({@link Session#cursorStream()} says when the session can
 * lend its stream). Memory then stays at one row plus one of look-ahead, whatever the number of rows;
 * {@code setMaxRows} stops reading after that many rows.
 *
 * <p>Round trips: in a transaction the cursor rides the transaction's stream (1 request, like any
 * statement). In autocommit the cursor opens a server stream (with {@code PRAGMA foreign_keys=ON} first
 * when that setting is on, as every new stream gets) and, since a cursor cannot carry {@code close},
 * one more request closes that stream after the last row or when the result set is closed: 2 requests.
 * A result set closed early reads and drops the remaining rows (the server sends them anyway).
 *
 * <p>Every read that waits for the server waits at most the statement's timeout (the query timeout, else
 * the connection's request timeout); a longer stall fails {@code next()} (or {@code close()}) with
 * {@code HYT00} and aborts the answer. The rows read before stay valid.
 */
final class CursorQuery implements LibsqlResultSet.RowSource {

    private final Session session;
    private final HranaStream stream;
    private final HranaCursor cursor;
    private final boolean closeStreamAtEnd;
    private final Duration timeout;
    private boolean finished;

    private CursorQuery(
            Session session, HranaStream stream, HranaCursor cursor, boolean closeStreamAtEnd, Duration timeout) {
        this.session = session;
        this.stream = stream;
        this.cursor = cursor;
        this.closeStreamAtEnd = closeStreamAtEnd;
        this.timeout = timeout;
    }

    /** Whether this execution goes through the cursor endpoint. Call under the session lock. */
    static boolean applies(Session session, SqlText text, int fetchSize) {
        return fetchSize > 0
                && text.kind() == SqlText.Kind.QUERY
                && !text.isLastInsertRowidQuery()
                && session.cursorStream() != null;
    }

    /** Opens the cursor and reads up to the statement's columns. Call under the session lock. */
    static LibsqlResultSet open(LibsqlStatement statement, Session session, Stmt stmt, Duration timeout, long maxRows)
            throws SQLException {
        HranaStream stream = session.cursorStream();
        boolean autocommit = !stream.isOpen();
        List<BatchStep> steps = new ArrayList<>(2);
        Stmt prefix = session.cursorPrefix();
        if (prefix != null) {
            steps.add(new BatchStep(null, prefix));
        }
        int main = steps.size();
        steps.add(new BatchStep(main == 0 ? null : new BatchCond.Ok(0), stmt));
        HranaCursor cursor;
        try {
            cursor = stream.openCursor(new Batch(steps), timeout);
        } catch (HranaException e) {
            throw SqlExceptions.fromTransport("executeQuery", e);
        }
        CursorQuery query = new CursorQuery(session, stream, cursor, autocommit, timeout);
        List<Col> cols = query.readUntilColumns(main);
        session.cursorOpened();
        return new LibsqlResultSet(statement, cols, query, maxRows);
    }

    /** Skips the prefix step's entries; returns the main step's columns or throws its error. */
    private List<Col> readUntilColumns(int main) throws SQLException {
        while (true) {
            CursorEntry entry = nextEntry();
            if (entry == null) {
                throw fail(SqlExceptions.general(
                        "executeQuery: the server ended the cursor without running the statement"));
            }
            if (entry instanceof CursorEntry.StepBegin begin && begin.step() == main) {
                return begin.cols();
            }
            if (entry instanceof CursorEntry.StepError error) {
                throw fail(SqlExceptions.fromServer("executeQuery", error.error()));
            }
            if (entry instanceof CursorEntry.Error error) {
                throw fail(SqlExceptions.fromServer("executeQuery", error.error()));
            }
            // The prefix's step_begin / step_end: nothing to keep.
        }
    }

    @Override
    public List<Value> nextRow() throws SQLException {
        if (finished) {
            return null;
        }
        CursorEntry entry = nextEntry();
        if (entry instanceof CursorEntry.Row row) {
            return row.values();
        }
        if (entry instanceof CursorEntry.StepError error) {
            throw fail(SqlExceptions.fromServer("executeQuery", error.error()));
        }
        if (entry instanceof CursorEntry.Error error) {
            throw fail(SqlExceptions.fromServer("executeQuery", error.error()));
        }
        // step_end (or the end of the cursor): the last row was read.
        finish();
        return null;
    }

    @Override
    public void close() throws SQLException {
        if (finished) {
            return;
        }
        try {
            session.readArriving(
                    () -> {
                        cursor.close();
                        return null;
                    },
                    "ResultSet.close");
        } catch (SQLException e) {
            throw transportFailure(e);
        }
        finish();
    }

    private CursorEntry nextEntry() throws SQLException {
        try {
            return session.readArriving(cursor::next, "executeQuery");
        } catch (SQLException e) {
            throw transportFailure(e);
        }
    }

    /**
     * The answer broke off, stalled past the timeout or was not Hrana: the cursor's server stream is
     * unusable. The session decides what that means for the connection ({@link Session#cursorFailed}).
     */
    private SQLException transportFailure(SQLException failure) {
        try (var held = session.hold()) {
            session.cursorFailed(failure);
        }
        return fail(failure);
    }

    private SQLException fail(SQLException failure) {
        try {
            finish();
        } catch (SQLException closing) {
            failure.addSuppressed(closing);
        }
        return failure;
    }

    /** Ends the cursor and, in autocommit, closes the server stream it opened (one request). */
    private void finish() throws SQLException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            cursor.close();
        } catch (HranaException ignored) {
            // Already reported by the read that failed.
        }
        if (!closeStreamAtEnd) {
            return;
        }
        try (var held = session.hold()) {
            if (stream.isOpen() && !stream.isBroken()) {
                stream.sendAndClose(List.of(), timeout);
            }
        } catch (HranaException e) {
            throw SqlExceptions.fromTransport("closing the cursor's stream", e);
        }
    }
}
