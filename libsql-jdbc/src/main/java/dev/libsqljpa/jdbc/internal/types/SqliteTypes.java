package dev.libsqljpa.jdbc.internal.types;

import dev.libsqljpa.hrana.v3.proto.Value;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
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
        int declared = switch (base) {
            case "INTEGER", "INT", "MEDIUMINT", "INT4" -> Types.INTEGER;
            case "BIGINT", "INT8", "UNSIGNED BIG INT", "LONG" -> Types.BIGINT;
            case "SMALLINT", "INT2" -> Types.SMALLINT;
            case "TINYINT" -> Types.TINYINT;
            case "BOOLEAN", "BOOL" -> Types.BOOLEAN;
            case "BIT" -> Types.BIT;
            case "REAL" -> Types.REAL;
            case "DOUBLE", "DOUBLE PRECISION" -> Types.DOUBLE;
            case "FLOAT" -> Types.FLOAT;
            case "NUMERIC" -> Types.NUMERIC;
            case "DECIMAL" -> Types.DECIMAL;
            case "DATE" -> Types.DATE;
            case "TIME" -> Types.TIME;
            case "DATETIME", "TIMESTAMP" -> Types.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "CHAR", "CHARACTER" -> Types.CHAR;
            case "NCHAR", "NATIVE CHARACTER" -> Types.NCHAR;
            case "VARCHAR", "VARYING CHARACTER", "TEXT" -> Types.VARCHAR;
            case "NVARCHAR" -> Types.NVARCHAR;
            case "CLOB" -> Types.CLOB;
            case "NCLOB" -> Types.NCLOB;
            case "BLOB" -> Types.BLOB;
            case "BINARY" -> Types.BINARY;
            case "VARBINARY" -> Types.VARBINARY;
            default -> Types.OTHER;
        };
        if (declared != Types.OTHER) {
            return declared;
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
        return switch (jdbcType) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Integer.class.getName();
            case Types.BIGINT -> Long.class.getName();
            case Types.BOOLEAN, Types.BIT -> Boolean.class.getName();
            case Types.REAL, Types.DOUBLE, Types.FLOAT -> Double.class.getName();
            case Types.NUMERIC, Types.DECIMAL -> BigDecimal.class.getName();
            case Types.DATE -> Date.class.getName();
            case Types.TIME -> Time.class.getName();
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Timestamp.class.getName();
            case Types.BLOB, Types.BINARY, Types.VARBINARY -> byte[].class.getName();
            default -> String.class.getName();
        };
    }
}
