package dev.libsqljpa.testkit.internal;

import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
import dev.libsqljpa.hrana.v3.proto.NamedArg;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.SafeStmtPtr;

/**
 * Runs one statement on a stream's connection and builds the result the way sqld does: columns
 * with declared types (null for expressions), values by their storage class, {@code
 * affected_row_count} only for INSERT/UPDATE/DELETE, {@code last_insert_rowid} only for INSERT,
 * parameters bound by sqld's rules.
 */
final class StatementRunner {

    private static final int SQLITE_INTEGER = 1;
    private static final int SQLITE_FLOAT = 2;
    private static final int SQLITE_TEXT = 3;
    private static final int SQLITE_BLOB = 4;

    private final ServerCore core;

    StatementRunner(ServerCore core) {
        this.core = core;
    }

    /** Exactly one statement, else {@code SQL_NO_STATEMENT} / {@code SQL_MANY_STATEMENTS}. */
    static SqlLexer.Statement single(String sql) throws StmtFailure {
        List<SqlLexer.Statement> statements = SqlLexer.split(sql);
        if (statements.isEmpty()) {
            throw new StmtFailure("SQL_NO_STATEMENT", "SQL string does not contain any statement");
        }
        if (statements.size() > 1) {
            throw new StmtFailure("SQL_MANY_STATEMENTS", "SQL string contains more than one statement");
        }
        return statements.get(0);
    }

    /** Fails with {@code SQL_PARSE_ERROR} if SQLite cannot parse the statement; other errors wait for execution. */
    void checkSyntax(ServerStream stream, SqlLexer.Statement statement) throws StmtFailure {
        try {
            stream.connection.prepareStatement(statement.sql()).close();
        } catch (SQLException e) {
            if (SqliteErrors.isSyntaxError(SqliteErrors.sqliteText(e))) {
                throw new StmtFailure(SqliteErrors.toError(e));
            }
        } finally {
            core.doneWaiting(stream);
        }
    }

    /** Receives a statement's columns and then its rows as SQLite produces them (the cursor endpoint). */
    interface RowSink {
        void begin(List<Col> cols) throws IOException;

        void row(List<Value> row) throws IOException;
    }

    StmtResult execute(ServerStream stream, SqlLexer.Statement statement, Stmt stmt) throws StmtFailure, SQLException {
        try {
            return execute(stream, statement, stmt, null);
        } catch (IOException e) {
            throw new AssertionError("no sink, no I/O", e);
        }
    }

    /**
     * Runs a statement. With a sink, rows go to the sink one by one (no response-size limit: nothing is
     * kept) and the result has no rows; {@code begin} is called once the statement is prepared and bound.
     */
    StmtResult execute(ServerStream stream, SqlLexer.Statement statement, Stmt stmt, RowSink sink)
            throws StmtFailure, SQLException, IOException {
        long started = System.nanoTime();
        boolean busy = false;
        StmtResult result = null;
        StmtFailure failure = null;
        PreparedStatement prepared = null;
        try {
            try {
                prepared = stream.connection.prepareStatement(statement.sql());
            } catch (SQLException e) {
                busy = SqliteErrors.isBusy(e);
                throw new StmtFailure(SqliteErrors.toPrepareError(e, statement.sql()));
            }
            SafeStmtPtr pointer = ((CoreStatement) prepared).pointer;
            List<Col> cols = columns(pointer);
            bind(prepared, statement, stmt);
            if (sink != null) {
                sink.begin(cols);
            }
            boolean hasRows = prepared.execute();
            List<List<Value>> rows = new ArrayList<>();
            long rowCount = 0;
            long responseBytes = 0;
            if (hasRows) {
                try (ResultSet resultSet = prepared.getResultSet()) {
                    while (resultSet.next()) {
                        rowCount++;
                        List<Value> row = readRow(pointer, cols.size());
                        if (sink != null) {
                            if (stmt.wantRows()) {
                                sink.row(row);
                            }
                        } else if (stmt.wantRows()) {
                            responseBytes += estimateBytes(row);
                            if (responseBytes > core.config.maxResponseBytes()) {
                                throw new StmtFailure("RESPONSE_TOO_LARGE", "Response is too large");
                            }
                            rows.add(row);
                        }
                    }
                }
            }
            SqlLexer.Kind kind = statement.kind();
            boolean dml = kind == SqlLexer.Kind.INSERT || kind == SqlLexer.Kind.UPDATE || kind == SqlLexer.Kind.DELETE;
            long changes = dml ? stream.db.changes() : 0;
            Long lastInsertRowid = kind == SqlLexer.Kind.INSERT ? lastInsertRowid(stream) : null;
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            result = new StmtResult(cols, rows, changes, lastInsertRowid, null, rowCount, changes, millis);
        } catch (SQLException e) {
            busy = SqliteErrors.isBusy(e);
            failure = new StmtFailure(SqliteErrors.toError(e));
        } catch (StmtFailure e) {
            failure = e;
        } finally {
            if (prepared != null) {
                prepared.close();
            }
        }
        core.afterStatement(stream, statement, busy);
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    DescribeResult describe(ServerStream stream, SqlLexer.Statement statement) throws StmtFailure {
        try (PreparedStatement prepared = stream.connection.prepareStatement(statement.sql())) {
            SafeStmtPtr pointer = ((CoreStatement) prepared).pointer;
            List<DescribeResult.DescribeCol> cols = new ArrayList<>();
            for (Col col : columns(pointer)) {
                cols.add(new DescribeResult.DescribeCol(col.name(), col.decltype()));
            }
            int count = prepared.getParameterMetaData().getParameterCount();
            List<String> names =
                    count == statement.paramCount() ? statement.paramNames() : Collections.nCopies(count, null);
            List<DescribeResult.DescribeParam> params = new ArrayList<>();
            for (String name : names) {
                params.add(new DescribeResult.DescribeParam(name));
            }
            return new DescribeResult(params, cols, statement.kind() == SqlLexer.Kind.EXPLAIN, statement.readonly());
        } catch (SQLException e) {
            throw new StmtFailure(SqliteErrors.toPrepareError(e, statement.sql()));
        } finally {
            core.doneWaiting(stream);
        }
    }

    private static List<Col> columns(SafeStmtPtr pointer) throws SQLException {
        return pointer.safeRun((db, handle) -> {
            int count = db.column_count(handle);
            List<Col> cols = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                cols.add(new Col(db.column_name(handle, i), db.column_decltype(handle, i)));
            }
            return cols;
        });
    }

    private static List<Value> readRow(SafeStmtPtr pointer, int columns) throws SQLException {
        return pointer.safeRun((db, handle) -> {
            List<Value> row = new ArrayList<>(columns);
            for (int i = 0; i < columns; i++) {
                switch (db.column_type(handle, i)) {
                    case SQLITE_INTEGER -> row.add(Value.of(db.column_long(handle, i)));
                    case SQLITE_FLOAT -> row.add(Value.of(db.column_double(handle, i)));
                    case SQLITE_TEXT -> row.add(Value.of(db.column_text(handle, i)));
                    case SQLITE_BLOB -> {
                        byte[] blob = db.column_blob(handle, i);
                        row.add(Value.of(blob == null ? new byte[0] : blob));
                    }
                    default -> row.add(Value.NULL);
                }
            }
            return row;
        });
    }

    private static long estimateBytes(List<Value> row) {
        long bytes = 2;
        for (Value value : row) {
            if (value instanceof Value.TextValue text) {
                bytes += 32L + text.value().length();
            } else if (value instanceof Value.BlobValue blob) {
                bytes += 32L + blob.length() * 4L / 3;
            } else {
                bytes += 40;
            }
        }
        return bytes;
    }

    private static Long lastInsertRowid(ServerStream stream) throws SQLException {
        try (Statement query = stream.connection.createStatement();
                ResultSet resultSet = query.executeQuery("SELECT last_insert_rowid()")) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }

    /**
     * Binds as sqld's {@code Params::bind}: more values than parameters fail; every parameter needs a
     * value ({@code ?NNN} by position, names with or without their prefix, anonymous {@code ?} by
     * index); named placeholders take only named arguments and vice versa.
     */
    private static void bind(PreparedStatement prepared, SqlLexer.Statement statement, Stmt stmt)
            throws SQLException, StmtFailure {
        int count = prepared.getParameterMetaData().getParameterCount();
        List<String> names =
                count == statement.paramCount() ? statement.paramNames() : Collections.nCopies(count, null);
        boolean named = !stmt.namedArgs().isEmpty();
        int given = named ? stmt.namedArgs().size() : stmt.args().size();
        if (given > count) {
            throw argsInvalid("too many parameters, expected " + count + " found " + given);
        }
        Map<String, Value> byName = new HashMap<>();
        for (NamedArg arg : stmt.namedArgs()) {
            byName.put(arg.name(), arg.value());
        }
        boolean explain = statement.kind() == SqlLexer.Kind.EXPLAIN;
        for (int index = 1; index <= count; index++) {
            String name = names.get(index - 1);
            Value value;
            if (name == null) {
                value = named ? null : get(stmt.args(), index);
            } else if (name.startsWith("?")) {
                value = named ? null : get(stmt.args(), Integer.parseInt(name.substring(1)));
            } else {
                value = named ? byName.getOrDefault(name, byName.get(name.substring(1))) : null;
            }
            if (value == null) {
                if (explain) {
                    return;
                }
                throw argsInvalid(
                        "value for parameter " + (name == null ? String.valueOf(index) : name) + " not found");
            }
            bindValue(prepared, index, value);
        }
    }

    private static Value get(List<Value> args, int position) {
        return position >= 1 && position <= args.size() ? args.get(position - 1) : null;
    }

    private static StmtFailure argsInvalid(String detail) {
        return new StmtFailure("ARGS_INVALID", "Arguments do not match SQL parameters: " + detail);
    }

    private static void bindValue(PreparedStatement prepared, int index, Value value) throws SQLException {
        if (value instanceof Value.NullValue) {
            prepared.setNull(index, Types.NULL);
        } else if (value instanceof Value.IntegerValue integer) {
            prepared.setLong(index, integer.value());
        } else if (value instanceof Value.FloatValue floatValue) {
            prepared.setDouble(index, floatValue.value());
        } else if (value instanceof Value.TextValue text) {
            prepared.setString(index, text.value());
        } else if (value instanceof Value.BlobValue blob) {
            prepared.setBytes(index, blob.value());
        } else {
            throw new AssertionError(value);
        }
    }
}
