package dev.libsqljpa.jdbc.internal.types;

import dev.libsqljpa.hrana.v3.proto.Value;
import java.sql.Types;
import java.util.Locale;

/**
 * Declared column types ({@code decltype}) to JDBC types. Well-known names map directly; anything
 * else follows SQLite's affinity rules ({@code sqlite.org/datatype3.html} §3.1). Columns without a
 * declared type (expressions) are typed by their first non-null value; with none, {@code BLOB}
 * (never an empty type name: Hibernate's schema tools fail on it).
 */
public final class SqliteTypes {
    private SqliteTypes() {}

    /** The base name of a declared type: upper case, without {@code (size)}. */
    public static String baseName(String decltype) {
        String upper = decltype.trim().toUpperCase(Locale.ROOT);
        int paren = upper.indexOf('(');
        return (paren >= 0 ? upper.substring(0, paren) : upper).trim();
    }

    /** The {@link Types} constant for a declared type. */
    public static int jdbcType(String decltype) {
        if (decltype == null || decltype.isBlank()) {
            return Types.BLOB;
        }
        String base = baseName(decltype);
        switch (base) {
            case "INTEGER":
            case "INT":
            case "MEDIUMINT":
            case "INT4":
                return Types.INTEGER;
            case "BIGINT":
            case "INT8":
            case "UNSIGNED BIG INT":
            case "LONG":
                return Types.BIGINT;
            case "SMALLINT":
            case "INT2":
                return Types.SMALLINT;
            case "TINYINT":
                return Types.TINYINT;
            case "BOOLEAN":
            case "BOOL":
                return Types.BOOLEAN;
            case "BIT":
                return Types.BIT;
            case "REAL":
                return Types.REAL;
            case "DOUBLE":
            case "DOUBLE PRECISION":
                return Types.DOUBLE;
            case "FLOAT":
                return Types.FLOAT;
            case "NUMERIC":
                return Types.NUMERIC;
            case "DECIMAL":
                return Types.DECIMAL;
            case "DATE":
                return Types.DATE;
            case "TIME":
                return Types.TIME;
            case "DATETIME":
            case "TIMESTAMP":
                return Types.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE":
                return Types.TIMESTAMP_WITH_TIMEZONE;
            case "CHAR":
            case "CHARACTER":
                return Types.CHAR;
            case "NCHAR":
            case "NATIVE CHARACTER":
                return Types.NCHAR;
            case "VARCHAR":
            case "VARYING CHARACTER":
            case "TEXT":
                return Types.VARCHAR;
            case "NVARCHAR":
                return Types.NVARCHAR;
            case "CLOB":
                return Types.CLOB;
            case "NCLOB":
                return Types.NCLOB;
            case "BLOB":
                return Types.BLOB;
            case "BINARY":
                return Types.BINARY;
            case "VARBINARY":
                return Types.VARBINARY;
            default:
                break;
        }
        if (base.contains("INT")) {
            return Types.BIGINT;
        }
        if (base.contains("CHAR") || base.contains("CLOB") || base.contains("TEXT")) {
            return Types.VARCHAR;
        }
        if (base.contains("BLOB") || base.isEmpty()) {
            return Types.BLOB;
        }
        if (base.contains("REAL") || base.contains("FLOA") || base.contains("DOUB")) {
            return Types.DOUBLE;
        }
        return Types.NUMERIC;
    }

    /** The type name for metadata: the declared type, or the storage class of a sample value. */
    public static String typeName(String decltype, Value sample) {
        if (decltype != null && !decltype.isBlank()) {
            return decltype.trim();
        }
        return storageClass(sample);
    }

    /** The JDBC type for a column, using a sample value when the declared type is missing. */
    public static int jdbcType(String decltype, Value sample) {
        if (decltype != null && !decltype.isBlank()) {
            return jdbcType(decltype);
        }
        return jdbcType(storageClass(sample));
    }

    private static String storageClass(Value sample) {
        if (sample instanceof Value.IntegerValue) {
            return "INTEGER";
        }
        if (sample instanceof Value.FloatValue) {
            return "REAL";
        }
        if (sample instanceof Value.TextValue) {
            return "TEXT";
        }
        return "BLOB";
    }

    /** The Java class {@code getObject} returns for a JDBC type. */
    public static String className(int jdbcType) {
        switch (jdbcType) {
            case Types.INTEGER:
            case Types.SMALLINT:
            case Types.TINYINT:
                return Integer.class.getName();
            case Types.BIGINT:
                return Long.class.getName();
            case Types.BOOLEAN:
            case Types.BIT:
                return Boolean.class.getName();
            case Types.REAL:
            case Types.DOUBLE:
            case Types.FLOAT:
                return Double.class.getName();
            case Types.NUMERIC:
            case Types.DECIMAL:
                return java.math.BigDecimal.class.getName();
            case Types.DATE:
                return java.sql.Date.class.getName();
            case Types.TIME:
                return java.sql.Time.class.getName();
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return java.sql.Timestamp.class.getName();
            case Types.BLOB:
            case Types.BINARY:
            case Types.VARBINARY:
                return byte[].class.getName();
            default:
                return String.class.getName();
        }
    }
}
