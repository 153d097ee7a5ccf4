package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.protocol.Session;
import dev.libsqljpa.jdbc.internal.protocol.StreamedRows;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.sql.SqlText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC statement. Each execution is one HTTP request (see {@link Session}); results are read
 * completely, so result sets never hold a stream. Not thread-safe (as JDBC statements go), except
 * {@link #cancel()}.
 */
public class LibsqlStatement implements Statement {
    private static final String[] NO_KEYS = null;

    final LibsqlConnectionImpl connection;
    private final int resultSetType;
    private final int resultSetConcurrency;
    private final int resultSetHoldability;
    private boolean closed;
    private LibsqlResultSet currentResultSet;
    private long updateCount = -1;
    private LibsqlResultSet generatedKeys;
    private final List<String> batch = new ArrayList<>();
    private long maxRows;
    private int fetchSize;
    private int queryTimeout;
    private boolean closeOnCompletion;
    private boolean poolable;
    private SQLWarning warnings;

    LibsqlStatement(
            LibsqlConnectionImpl connection, int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
        this.connection = connection;
        this.resultSetType = resultSetType;
        this.resultSetConcurrency = resultSetConcurrency;
        this.resultSetHoldability = resultSetHoldability;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw SqlExceptions.objectClosed("statement");
        }
        if (connection.isClosed()) {
            throw SqlExceptions.connectionClosed();
        }
    }

    // ---------------------------------------------------------------- execution core

    /**
     * Executes one statement and keeps its outcome.
     *
     * @param keyColumns null when no keys were requested; empty for {@code RETURN_GENERATED_KEYS}
     * @return whether the statement produced rows
     */
    boolean run(SqlText text, List<Value> args, String[] keyColumns) throws SQLException {
        checkOpen();
        clearResults();
        Session session = connection.session();
        Session.Outcome outcome;
        try (var held = session.hold()) {
            if (CursorQuery.applies(session, text, fetchSize)) {
                currentResultSet = CursorQuery.open(
                        this, session, text.toStmt(args, true, true), connection.requestTimeout(queryTimeout), maxRows);
                return true;
            }
            if (StreamedRows.applies(session, text, fetchSize)) {
                StreamedRows.Opened opened = StreamedRows.open(
                        session, text.toStmt(args, false, true), text, connection.requestTimeout(queryTimeout));
                if (opened.rows() != null) {
                    currentResultSet = new LibsqlResultSet(
                            this, opened.rows().cols(), new StreamedRowSource(opened.rows()), maxRows);
                    return true;
                }
                outcome = opened.outcome();
            } else {
                outcome = session.execute(
                        text.toStmt(args, connection.serverKind().hasStreams(), true),
                        text,
                        connection.requestTimeout(queryTimeout));
            }
        }
        StmtResult result = outcome.result();
        boolean mayWrite = text.mayWrite();
        if (outcome.hasRows() && mayWrite && text.hasReturning()) {
            generatedKeys = new LibsqlResultSet(this, result.cols(), result.rows(), ResultSet.TYPE_FORWARD_ONLY, 0);
        } else if (outcome.generatedKey() != null) {
            generatedKeys = keyResultSet(List.of(outcome.generatedKey()), keyColumns);
        }
        if (outcome.hasRows()) {
            currentResultSet = new LibsqlResultSet(this, result.cols(), result.rows(), resultSetType, maxRows);
            updateCount = -1;
            return true;
        }
        updateCount = outcome.updateCount();
        return false;
    }

    LibsqlResultSet keyResultSet(List<Long> keys, String[] keyColumns) {
        String name = keyColumns != null && keyColumns.length > 0 ? keyColumns[0] : "GENERATED_KEY";
        List<List<Value>> rows = new ArrayList<>();
        for (Long key : keys) {
            if (key != null) {
                rows.add(List.of(Value.of(key)));
            }
        }
        return new LibsqlResultSet(this, List.of(new Col(name, "INTEGER")), rows, ResultSet.TYPE_FORWARD_ONLY, 0);
    }

    long[] runBatch(List<Stmt> stmts, List<SqlText> texts, String[] keyColumns, boolean deferrable)
            throws SQLException {
        checkOpen();
        clearResults();
        Session session = connection.session();
        Session.BatchOutcome outcome;
        try (var held = session.hold()) {
            outcome = session.executeBatch(
                    stmts, texts, deferrable && keyColumns == null, connection.requestTimeout(queryTimeout));
        }
        if (keyColumns != null) {
            generatedKeys = keyResultSet(List.of(outcome.keys()), keyColumns);
        }
        return outcome.counts();
    }

    private void clearResults() throws SQLException {
        if (currentResultSet != null) {
            LibsqlResultSet previous = currentResultSet;
            currentResultSet = null;
            previous.closeQuietlyFromStatement();
        }
        generatedKeys = null;
        updateCount = -1;
    }

    /** Called by a result set when it closes (for closeOnCompletion). */
    void resultSetClosed(LibsqlResultSet resultSet) throws SQLException {
        if (resultSet == currentResultSet && closeOnCompletion && !closed) {
            close();
        }
    }

    // ---------------------------------------------------------------- Statement

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!run(SqlText.of(sql), List.of(), NO_KEYS)) {
            throw SqlExceptions.noData("executeQuery: the statement returned no rows; use executeUpdate or execute");
        }
        return currentResultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return toInt(executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(SqlText.of(sql), List.of(), NO_KEYS);
    }

    long update(SqlText text, List<Value> args, String[] keyColumns) throws SQLException {
        boolean rows = run(text, args, keyColumns);
        if (rows) {
            if (text.mayWrite() && text.hasReturning()) {
                long count = currentResultSet.rowCount();
                currentResultSet.closeQuietlyFromStatement();
                currentResultSet = null;
                updateCount = count;
                return count;
            }
            if (text.mayWrite()) {
                currentResultSet.closeQuietlyFromStatement();
                currentResultSet = null;
                updateCount = 0;
                return 0;
            }
            throw SqlExceptions.general("executeUpdate: the statement returned rows; use executeQuery or execute");
        }
        return updateCount;
    }

    static int toInt(long count) {
        return count > Integer.MAX_VALUE ? SUCCESS_NO_INFO : (int) count;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(SqlText.of(sql), List.of(), NO_KEYS);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return toInt(executeLargeUpdate(sql, autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return toInt(executeLargeUpdate(sql, columnIndexes));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return toInt(executeLargeUpdate(sql, columnNames));
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update(SqlText.of(sql), List.of(), autoGeneratedKeys == RETURN_GENERATED_KEYS ? new String[0] : null);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return update(SqlText.of(sql), List.of(), new String[0]);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return update(SqlText.of(sql), List.of(), columnNames == null ? new String[0] : columnNames);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return run(SqlText.of(sql), List.of(), autoGeneratedKeys == RETURN_GENERATED_KEYS ? new String[0] : null);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return run(SqlText.of(sql), List.of(), new String[0]);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return run(SqlText.of(sql), List.of(), columnNames == null ? new String[0] : columnNames);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return currentResultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return updateCount < 0 ? -1 : toInt(updateCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (currentResultSet != null && current != KEEP_CURRENT_RESULT) {
            currentResultSet.closeQuietlyFromStatement();
        }
        currentResultSet = null;
        updateCount = -1;
        return false;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        if (generatedKeys == null) {
            return keyResultSet(List.of(), null);
        }
        return generatedKeys;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] result = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            result[i] = toInt(counts[i]);
        }
        return result;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Stmt> stmts = new ArrayList<>();
        List<SqlText> texts = new ArrayList<>();
        for (String sql : batch) {
            stmts.add(Stmt.of(sql, List.of(), false));
            texts.add(SqlText.of(sql));
        }
        batch.clear();
        return runBatch(stmts, texts, null, false);
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            clearResults();
        } finally {
            connection.unregister(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        connection.session().cancel();
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw SqlExceptions.badOption("setMaxFieldSize: must not be negative");
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw SqlExceptions.badOption("setMaxRows: must not be negative");
        }
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    /** The timeout applies to the HTTP request; on expiry the request is abandoned (HYT00). */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw SqlExceptions.badOption("setQueryTimeout: must not be negative");
        }
        queryTimeout = seconds;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw SqlExceptions.notSupported(Statement.class, "setCursorName");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && resultSetType == ResultSet.TYPE_FORWARD_ONLY) {
            throw SqlExceptions.badFetchDirection("forward-only statement: only FETCH_FORWARD is allowed");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** A hint only: results arrive complete in one response. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw SqlExceptions.badOption("setFetchSize: must not be negative");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return resultSetConcurrency;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return resultSetType;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return resultSetHoldability;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return SqlExceptions.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
