package dev.libsqljpa.jdbc.internal.metadata;

import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.types.SqliteTypes;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Column metadata from the server's {@code cols} (name, declared type). Columns without a
 * declared type are typed from their first non-null value; the type name is never empty.
 */
public final class LibsqlResultSetMetaData implements ResultSetMetaData {
    private final List<Col> cols;
    private final List<List<Value>> rows;

    public LibsqlResultSetMetaData(List<Col> cols, List<List<Value>> rows) {
        this.cols = cols;
        this.rows = rows;
    }

    private Col col(int column) throws SQLException {
        if (column < 1 || column > cols.size()) {
            throw new SQLException("column index " + column + " is out of range (1.." + cols.size() + ")", "07009");
        }
        return cols.get(column - 1);
    }

    private Value sample(int column) {
        for (List<Value> row : rows) {
            Value value = row.get(column - 1);
            if (!(value instanceof Value.NullValue)) {
                return value;
            }
        }
        return Value.NULL;
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
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
