package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.metadata.LibsqlResultSetMetaData;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.types.LibsqlBlob;
import dev.libsqljpa.jdbc.internal.types.LibsqlClob;
import dev.libsqljpa.jdbc.internal.types.SqliteTypes;
import dev.libsqljpa.jdbc.internal.types.Temporals;
import dev.libsqljpa.jdbc.internal.types.Values;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A read-only result set, either over rows that arrived complete in one response (forward-only by
 * default; scroll-insensitive when asked for), or forward-only over rows that are still arriving (a
 * {@link RowSource}: the cursor endpoint, see {@link CursorQuery}), holding only the current row and
 * one row of look-ahead. Not thread-safe.
 */
public final class LibsqlResultSet extends ReadOnlyResultSet {
    private final LibsqlStatement statement;
    private final List<Col> cols;
    private final List<List<Value>> rows;
    private final int type;
    private final int rowCount;
    private Map<String, Integer> labels;
    /** Computed on the first getMetaData(), then returned again (untyped columns scan the rows once). */
    private LibsqlResultSetMetaData metaData;
    /** 0 = before first, rowCount + 1 = after last. */
    private int cursor;

    private boolean wasNull;
    private boolean closed;
    private int fetchSize;

    /** Rows that are still arriving. */
    interface RowSource {
        /** The next row, or null after the last one (the source then releases what it holds). */
        List<Value> nextRow() throws SQLException;

        /** Stops reading (drops unread rows); idempotent. */
        void close() throws SQLException;
    }

    private final RowSource source;
    private final long maxRows;
    private List<Value> current;
    private List<Value> lookahead;
    private boolean sourceEnded;
    private long delivered;

    /** A forward-only result set over arriving rows; at most {@code maxRows} of them when positive. */
    LibsqlResultSet(LibsqlStatement statement, List<Col> cols, RowSource source, long maxRows) {
        this.statement = statement;
        this.cols = cols;
        this.rows = null;
        this.type = TYPE_FORWARD_ONLY;
        this.rowCount = -1;
        this.source = source;
        this.maxRows = maxRows;
    }

    private boolean streaming() {
        return source != null;
    }

    /** The row after the current one, read ahead if needed; null at the end. */
    private List<Value> peek() throws SQLException {
        if (lookahead == null && !sourceEnded) {
            if (maxRows > 0 && delivered >= maxRows) {
                sourceEnded = true;
                source.close();
            } else {
                lookahead = source.nextRow();
                if (lookahead == null) {
                    sourceEnded = true;
                } else {
                    delivered++;
                }
            }
        }
        return lookahead;
    }

    LibsqlResultSet(LibsqlStatement statement, List<Col> cols, List<List<Value>> rows, int type, long maxRows) {
        this.statement = statement;
        this.cols = cols;
        this.rows = rows;
        this.type = type;
        this.rowCount = maxRows > 0 && maxRows < rows.size() ? (int) maxRows : rows.size();
        this.source = null;
        this.maxRows = maxRows;
    }

    int rowCount() {
        return rowCount;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw SqlExceptions.objectClosed("result set");
        }
    }

    private void checkScrollable() throws SQLException {
        checkOpen();
        if (type == TYPE_FORWARD_ONLY) {
            throw SqlExceptions.cursorState("the result set is TYPE_FORWARD_ONLY");
        }
    }

    private Value value(int column) throws SQLException {
        checkOpen();
        if (streaming()) {
            if (current == null) {
                throw SqlExceptions.cursorState("the cursor is not on a row (call next() first)");
            }
            if (column < 1 || column > cols.size()) {
                throw SqlExceptions.badIndex("column index " + column + " is out of range (1.." + cols.size() + ")");
            }
            Value value = current.get(column - 1);
            wasNull = value instanceof Value.NullValue;
            return value;
        }
        if (cursor < 1 || cursor > rowCount) {
            throw SqlExceptions.cursorState("the cursor is not on a row (call next() first)");
        }
        if (column < 1 || column > cols.size()) {
            throw SqlExceptions.badIndex("column index " + column + " is out of range (1.." + cols.size() + ")");
        }
        Value value = rows.get(cursor - 1).get(column - 1);
        wasNull = value instanceof Value.NullValue;
        return value;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (labels == null) {
            Map<String, Integer> map = new HashMap<>();
            for (int i = cols.size() - 1; i >= 0; i--) {
                String name = cols.get(i).name();
                if (name != null) {
                    map.put(name.toLowerCase(Locale.ROOT), i + 1);
                }
            }
            labels = map;
        }
        Integer index = columnLabel == null ? null : labels.get(columnLabel.toLowerCase(Locale.ROOT));
        if (index == null) {
            throw SqlExceptions.columnNotFound("no column labelled '" + columnLabel + "' in the result");
        }
        return index;
    }

    // ---------------------------------------------------------------- navigation

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (streaming()) {
            if (current == null && cursor > 0) {
                return false;
            }
            current = peek();
            lookahead = null;
            cursor++;
            return current != null;
        }
        if (cursor <= rowCount) {
            cursor++;
        }
        return cursor <= rowCount;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (source != null) {
                source.close();
            }
        } finally {
            if (statement != null) {
                statement.resultSetClosed(this);
            }
        }
    }

    void closeQuietlyFromStatement() {
        closed = true;
        if (source != null) {
            try {
                source.close();
            } catch (SQLException ignored) {
                // The statement runs again; a failure of the old cursor is the old result's.
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        if (streaming()) {
            return cursor == 0 && peek() != null;
        }
        return cursor == 0 && rowCount > 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        if (streaming()) {
            return cursor > 1 && current == null;
        }
        return cursor > rowCount && rowCount > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        if (streaming()) {
            return cursor == 1 && current != null;
        }
        return cursor == 1 && rowCount > 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (streaming()) {
            return current != null && peek() == null;
        }
        return cursor == rowCount && rowCount > 0;
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable();
        cursor = 0;
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable();
        cursor = rowCount + 1;
    }

    @Override
    public boolean first() throws SQLException {
        checkScrollable();
        cursor = rowCount == 0 ? 0 : 1;
        return rowCount > 0;
    }

    @Override
    public boolean last() throws SQLException {
        checkScrollable();
        cursor = rowCount;
        return rowCount > 0;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        if (streaming()) {
            return current != null ? cursor : 0;
        }
        return cursor >= 1 && cursor <= rowCount ? cursor : 0;
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        checkScrollable();
        int target = row >= 0 ? row : rowCount + 1 + row;
        cursor = Math.max(0, Math.min(rowCount + 1, target));
        return cursor >= 1 && cursor <= rowCount;
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        checkScrollable();
        return absolute(Math.max(0, cursor + rows));
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable();
        if (cursor > 0) {
            cursor--;
        }
        return cursor >= 1;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD && type == TYPE_FORWARD_ONLY) {
            throw SqlExceptions.badFetchDirection("forward-only result set: only FETCH_FORWARD is allowed");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

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
    public int getType() throws SQLException {
        checkOpen();
        return type;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (metaData != null) {
            return metaData;
        }
        if (streaming()) {
            // Types of untyped columns are inferred from values: use the current row, or the first one.
            // Kept once a row was seen; before that (no row yet, or none at all) asked again next time.
            List<Value> sample = current != null ? current : cursor == 0 ? peek() : null;
            if (sample == null) {
                return new LibsqlResultSetMetaData(cols, List.of());
            }
            metaData = new LibsqlResultSetMetaData(cols, List.of(sample));
            return metaData;
        }
        metaData = new LibsqlResultSetMetaData(cols, rows);
        return metaData;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw SqlExceptions.notSupported(ResultSet.class, "getCursorName");
    }

    // ---------------------------------------------------------------- getters by index

    @Override
    public String getString(int columnIndex) throws SQLException {
        return Values.getExactString(value(columnIndex));
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return Values.getBoolean(value(columnIndex));
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return Values.getByte(value(columnIndex));
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return Values.getShort(value(columnIndex));
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return Values.getInt(value(columnIndex));
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return Values.getLong(value(columnIndex));
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return (float) Values.getDouble(value(columnIndex));
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return Values.getDouble(value(columnIndex));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal decimal = Values.getBigDecimal(value(columnIndex));
        return decimal == null ? null : decimal.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        return Values.getBigDecimal(value(columnIndex));
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        return Values.getBytes(value(columnIndex));
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return Values.getDate(value(columnIndex), null);
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        return Values.getDate(value(columnIndex), cal);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return Values.getTime(value(columnIndex), null);
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        return Values.getTime(value(columnIndex), cal);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return Values.getTimestamp(value(columnIndex), null);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        return Values.getTimestamp(value(columnIndex), cal);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_16BE));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] bytes = getBytes(columnIndex);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new StringReader(text);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        byte[] bytes = getBytes(columnIndex);
        return bytes == null ? null : new LibsqlBlob(bytes);
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new LibsqlClob(text);
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new LibsqlClob(text);
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        if (text == null) {
            return null;
        }
        try {
            return new URL(text);
        } catch (MalformedURLException e) {
            throw SqlExceptions.data("not a URL: " + text, "22018", e);
        }
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        Value value = value(columnIndex);
        if (value instanceof Value.NullValue) {
            return null;
        }
        if (value instanceof Value.FloatValue) {
            Values.requireKnown(value, "Double");
        }
        String decltype = cols.get(columnIndex - 1).decltype();
        if (decltype == null || decltype.isBlank()) {
            return Values.natural(value);
        }
        int jdbcType = SqliteTypes.jdbcType(decltype);
        boolean integer = value instanceof Value.IntegerValue;
        switch (jdbcType) {
            case Types.INTEGER:
            case Types.SMALLINT:
            case Types.TINYINT:
                if (integer) {
                    long v = ((Value.IntegerValue) value).value();
                    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
                }
                return Values.natural(value);
            case Types.BOOLEAN:
            case Types.BIT:
                return integer ? (Object) (((Value.IntegerValue) value).value() != 0) : Values.natural(value);
            case Types.REAL:
            case Types.DOUBLE:
            case Types.FLOAT:
                return integer ? (Object) (double) ((Value.IntegerValue) value).value() : Values.natural(value);
            case Types.NUMERIC:
            case Types.DECIMAL:
                if (integer || value instanceof Value.FloatValue) {
                    return Values.getBigDecimal(value);
                }
                return Values.natural(value);
            case Types.DATE:
            case Types.TIME:
            case Types.TIMESTAMP:
                return temporalOrNatural(value, jdbcType);
            default:
                return Values.natural(value);
        }
    }

    private static Object temporalOrNatural(Value value, int jdbcType) throws SQLException {
        if (value instanceof Value.TextValue textValue) {
            try {
                Temporals.parse(textValue.value());
            } catch (IllegalArgumentException notTemporal) {
                // SQLite lets any column hold any text: return it as it is.
                return Values.natural(value);
            }
        } else if (!(value instanceof Value.IntegerValue)) {
            return Values.natural(value);
        }
        if (jdbcType == Types.DATE) {
            return Values.getDate(value, null);
        }
        if (jdbcType == Types.TIME) {
            return Values.getTime(value, null);
        }
        return Values.getTimestamp(value, null);
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return getObject(columnIndex);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        return Values.getObject(value(columnIndex), type);
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw SqlExceptions.notSupported(ResultSet.class, "getRef");
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        throw SqlExceptions.notSupported(ResultSet.class, "getArray");
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw SqlExceptions.notSupported(ResultSet.class, "getRowId");
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw SqlExceptions.notSupported(ResultSet.class, "getSQLXML");
    }

    // ---------------------------------------------------------------- getters by label

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel), cal);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel), cal);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel), cal);
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return getUnicodeStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return getBlob(findColumn(columnLabel));
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return getClob(findColumn(columnLabel));
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return getNClob(findColumn(columnLabel));
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return getURL(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return getRef(findColumn(columnLabel));
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return getArray(findColumn(columnLabel));
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return getRowId(findColumn(columnLabel));
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return getSQLXML(findColumn(columnLabel));
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
