package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.metadata.LibsqlParameterMetaData;
import dev.libsqljpa.jdbc.internal.metadata.LibsqlResultSetMetaData;
import dev.libsqljpa.jdbc.internal.protocol.Session;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.sql.SqlText;
import dev.libsqljpa.jdbc.internal.types.Binder;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: the SQL is parsed locally (parameter count, statement kind) and sent
 * with positional arguments on every execution; nothing is prepared on the server, so creating
 * one costs no round trip. Parameters keep their values across executions until
 * {@link #clearParameters()}.
 */
public final class LibsqlPreparedStatement extends LibsqlStatement implements PreparedStatement {
    private final SqlText text;
    private final String[] keyColumns;
    private final Value[] parameters;
    private final List<Value[]> batch = new ArrayList<>();

    LibsqlPreparedStatement(
            LibsqlConnectionImpl connection,
            String sql,
            int resultSetType,
            int resultSetConcurrency,
            int resultSetHoldability,
            String[] keyColumns)
            throws SQLException {
        super(connection, resultSetType, resultSetConcurrency, resultSetHoldability);
        if (sql == null) {
            throw SqlExceptions.nullArgument("prepareStatement: the SQL must not be null");
        }
        this.text = SqlText.of(sql);
        this.keyColumns = keyColumns;
        this.parameters = new Value[text.parameterCount()];
    }

    private List<Value> arguments() throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                throw SqlExceptions.parameterNotSet(
                        "parameter " + (i + 1) + " of " + parameters.length + " is not set");
            }
        }
        return Arrays.asList(parameters);
    }

    private void set(int index, Value value) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameters.length) {
            throw SqlExceptions.badIndex("parameter index " + index + " is out of range (the statement has "
                    + parameters.length + " parameters)");
        }
        parameters[index - 1] = Binder.checked(value);
    }

    // ---------------------------------------------------------------- execution

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!run(text, arguments(), keyColumns)) {
            throw SqlExceptions.noData("executeQuery: the statement returned no rows; use executeUpdate or execute");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return toInt(executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return update(text, arguments(), keyColumns);
    }

    @Override
    public boolean execute() throws SQLException {
        return run(text, arguments(), keyColumns);
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(arguments().toArray(new Value[0]));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Stmt> stmts = new ArrayList<>(batch.size());
        List<SqlText> texts = new ArrayList<>(batch.size());
        for (Value[] args : batch) {
            stmts.add(text.toStmt(Arrays.asList(args), connection.serverKind().hasStreams(), text.hasReturning()));
            texts.add(text);
        }
        batch.clear();
        return runBatch(stmts, texts, keyColumns, text.isSingleRowInsert());
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw SqlExceptions.general("addBatch(String) is not allowed on a PreparedStatement");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw SqlExceptions.general("executeQuery(String) is not allowed on a PreparedStatement");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw SqlExceptions.general("executeUpdate(String) is not allowed on a PreparedStatement");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw SqlExceptions.general("execute(String) is not allowed on a PreparedStatement");
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(parameters, null);
    }

    /**
     * The result columns: from the last execution's result set if there is one, else from a
     * {@code describe} request (one round trip, full servers only; null on minimal servers).
     */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        ResultSet current = getResultSet();
        if (current != null) {
            return current.getMetaData();
        }
        Session session = connection.session();
        DescribeResult described;
        try (var held = session.hold()) {
            described = session.describe(text.sql(), connection.requestTimeout(getQueryTimeout()));
        }
        if (described == null) {
            return null;
        }
        List<Col> cols = new ArrayList<>(described.cols().size());
        for (DescribeResult.DescribeCol col : described.cols()) {
            cols.add(new Col(col.name(), col.decltype()));
        }
        return new LibsqlResultSetMetaData(cols, List.of());
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new LibsqlParameterMetaData(parameters.length);
    }

    // ---------------------------------------------------------------- setters

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        set(parameterIndex, Value.NULL);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        set(parameterIndex, Value.NULL);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        set(parameterIndex, Value.of(x ? 1L : 0L));
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        set(parameterIndex, Value.of((long) x));
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        set(parameterIndex, Value.of((long) x));
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        set(parameterIndex, Value.of((long) x));
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        set(parameterIndex, Value.of(x));
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        set(parameterIndex, Binder.ofDouble(x));
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        set(parameterIndex, Binder.ofDouble(x));
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        set(parameterIndex, Binder.ofBigDecimal(x));
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        set(parameterIndex, Value.of(x));
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        set(parameterIndex, Value.of(value));
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        set(parameterIndex, Value.of(x));
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        set(parameterIndex, Binder.ofDate(x, null));
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        set(parameterIndex, Binder.ofDate(x, cal));
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        set(parameterIndex, Binder.ofTime(x, null));
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        set(parameterIndex, Binder.ofTime(x, cal));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        set(parameterIndex, Binder.ofTimestamp(x, null));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        set(parameterIndex, Binder.ofTimestamp(x, cal));
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        set(parameterIndex, Binder.of(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        set(parameterIndex, Binder.of(x, targetSqlType, null));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        set(parameterIndex, Binder.of(x, targetSqlType, scaleOrLength));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        set(
                parameterIndex,
                targetSqlType == null || targetSqlType.getVendorTypeNumber() == null
                        ? Binder.of(x)
                        : Binder.of(x, targetSqlType.getVendorTypeNumber(), null));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        set(
                parameterIndex,
                targetSqlType == null || targetSqlType.getVendorTypeNumber() == null
                        ? Binder.of(x)
                        : Binder.of(x, targetSqlType.getVendorTypeNumber(), scaleOrLength));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        set(
                parameterIndex,
                x == null ? Value.NULL : Value.of(new String(Binder.readAll(x, length), StandardCharsets.US_ASCII)));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex, x, -1L);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        set(
                parameterIndex,
                x == null ? Value.NULL : Value.of(new String(Binder.readAll(x, length), StandardCharsets.UTF_16BE)));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        set(parameterIndex, x == null ? Value.NULL : Value.of(Binder.readAll(x, length)));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        setBinaryStream(parameterIndex, x, -1L);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setCharacterStream(parameterIndex, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        set(parameterIndex, reader == null ? Value.NULL : Value.of(Binder.readAll(reader, length)));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setCharacterStream(parameterIndex, value, length);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setCharacterStream(parameterIndex, value, -1L);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        set(parameterIndex, Binder.of(x));
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, -1L);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        set(parameterIndex, Binder.of(x));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        set(parameterIndex, Binder.of(value));
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        set(parameterIndex, x == null ? Value.NULL : Value.of(x.toString()));
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        throw SqlExceptions.notSupported(PreparedStatement.class, "setRef");
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        throw SqlExceptions.notSupported(PreparedStatement.class, "setArray");
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        throw SqlExceptions.notSupported(PreparedStatement.class, "setRowId");
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        throw SqlExceptions.notSupported(PreparedStatement.class, "setSQLXML");
    }

    @Override
    public String toString() {
        return "LibsqlPreparedStatement[" + text.sql() + "]";
    }
}
