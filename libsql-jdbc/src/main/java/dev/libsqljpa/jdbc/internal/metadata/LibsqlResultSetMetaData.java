package dev.libsqljpa.jdbc.internal.metadata;

import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.types.SqliteTypes;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/**
 * Column metadata from the server's {@code cols} (name, declared type). Columns without a
 * declared type are typed from their first non-null value; the type name is never empty. The rows
 * are scanned for those values once, on the first question that needs them, and the scan stops as
 * soon as every column has one.
 */
public final class LibsqlResultSetMetaData implements ResultSetMetaData {
    private final List<Col> cols;
    private final List<List<Value>> rows;
    /** The first non-null value of each column ({@link Value#NULL} when none), once scanned. */
    private Value[] samples;

    public LibsqlResultSetMetaData(List<Col> cols, List<List<Value>> rows) {
        this.cols = cols;
        this.rows = rows;
    }

    private Col col(int column) throws SQLException {
        if (column < 1 || column > cols.size()) {
            throw SqlExceptions.badIndex("column index " + column + " is out of range (1.." + cols.size() + ")");
        }
        return cols.get(column - 1);
    }

    private Value sample(int column) {
        if (samples == null) {
            samples = scan();
        }
        return samples[column - 1];
    }

    private Value[] scan() {
        Value[] found = new Value[cols.size()];
        Arrays.fill(found, Value.NULL);
        int missing = found.length;
        for (List<Value> row : rows) {
            if (missing == 0) {
                break;
            }
            for (int i = 0; i < found.length; i++) {
                Value value = row.get(i);
                if (found[i] instanceof Value.NullValue && !(value instanceof Value.NullValue)) {
                    found[i] = value;
                    missing--;
                }
            }
        }
        return found;
    }

    @Override
    public int getColumnCount() {
        return cols.size();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        int type = getColumnType(column);
        return type == Types.VARCHAR
                || type == Types.CHAR
                || type == Types.CLOB
                || type == Types.NVARCHAR
                || type == Types.NCHAR;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        col(column);
        return columnNullableUnknown;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        int type = getColumnType(column);
        return switch (type) {
            case Types.INTEGER,
                    Types.BIGINT,
                    Types.SMALLINT,
                    Types.TINYINT,
                    Types.REAL,
                    Types.DOUBLE,
                    Types.FLOAT,
                    Types.NUMERIC,
                    Types.DECIMAL -> true;
            default -> false;
        };
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        col(column);
        return Integer.MAX_VALUE;
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return getColumnName(column);
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        Col col = col(column);
        return col.name() == null ? "" : col.name();
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        col(column);
        return 0;
    }

    @Override
    public int getScale(int column) throws SQLException {
        col(column);
        return 0;
    }

    @Override
    public String getTableName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return SqliteTypes.jdbcType(col(column).decltype(), sample(column));
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return SqliteTypes.typeName(col(column).decltype(), sample(column));
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return SqliteTypes.className(getColumnType(column));
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
