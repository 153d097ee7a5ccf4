package dev.libsqljpa.jdbc.internal.types;

import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URL;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Locale;
import java.util.UUID;

/**
 * Java values to Hrana {@link Value}s for parameter binding. Integers are exact 64-bit;
 * {@link BigDecimal} travels as text (no loss); dates and times as text in SQLite's format
 * ({@link Temporals}); booleans as 0/1; UUIDs as text. Non-finite floats are refused with
 * {@code SQLDataException} 22003 because Hrana cannot carry them.
 */
public final class Binder {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Binder() {}

    /**
     * The last check of every bound parameter: text must be valid Unicode. A lone UTF-16 surrogate has no
     * UTF-8 form and would reach the server as {@code ?}; refused with {@code SQLDataException} 22021.
     */
    public static Value checked(Value value) throws SQLException {
        if (value instanceof Value.TextValue) {
            String text = ((Value.TextValue) value).value();
            int bad = loneSurrogate(text);
            if (bad >= 0) {
                throw SqlExceptions.data(
                        "cannot bind text with a lone UTF-16 surrogate (U+"
                                + String.format(Locale.ROOT, "%04X", (int) text.charAt(bad)) + " at index " + bad
                                + "): it has no UTF-8 form and would be stored as '?'",
                        "22021",
                        null);
            }
        }
        return value;
    }

    /** Index of the first unpaired surrogate, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static Value ofDouble(double value) throws SQLException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw SqlExceptions.data(
                    "cannot bind " + value + ": libSQL over HTTP carries only finite floats", "22003", null);
        }
        return Value.of(value);
    }

    public static Value ofBigDecimal(BigDecimal value) {
        return value == null ? Value.NULL : Value.of(value.toPlainString());
    }

    public static Value ofTimestamp(java.sql.Timestamp value, Calendar calendar) {
        if (value == null) {
            return Value.NULL;
        }
        if (calendar == null) {
            return Value.of(Temporals.format(value.toLocalDateTime()));
        }
        return Value.of(Temporals.format(LocalDateTime.ofInstant(value.toInstant(), Temporals.zone(calendar))));
    }

    public static Value ofDate(java.sql.Date value, Calendar calendar) {
        if (value == null) {
            return Value.NULL;
        }
        if (calendar == null) {
            return Value.of(Temporals.format(value.toLocalDate()));
        }
        return Value.of(Temporals.format(Instant.ofEpochMilli(value.getTime())
                .atZone(Temporals.zone(calendar))
                .toLocalDate()));
    }

    public static Value ofTime(java.sql.Time value, Calendar calendar) {
        if (value == null) {
            return Value.NULL;
        }
        if (calendar == null) {
            return Value.of(Temporals.format(value.toLocalTime()));
        }
        return Value.of(Temporals.format(Instant.ofEpochMilli(value.getTime())
                .atZone(Temporals.zone(calendar))
                .toLocalTime()));
    }

    public static byte[] readAll(InputStream stream, long length) throws SQLException {
        try {
            byte[] bytes =
                    length < 0 ? stream.readAllBytes() : stream.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
            if (length >= 0 && bytes.length < length) {
                throw SqlExceptions.data(
                        "stream ended after " + bytes.length + " of " + length + " bytes", "22001", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new SQLException("reading the parameter stream failed: " + e.getMessage(), "HY000", e);
        }
    }

    public static String readAll(Reader reader, long length) throws SQLException {
        try {
            StringWriter out = new StringWriter();
            char[] buffer = new char[8192];
            long remaining = length < 0 ? Long.MAX_VALUE : length;
            while (remaining > 0) {
                int n = reader.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
            if (length >= 0 && remaining > 0) {
                throw SqlExceptions.data(
                        "reader ended after " + (length - remaining) + " of " + length + " characters", "22001", null);
            }
            return out.toString();
        } catch (IOException e) {
            throw new SQLException("reading the parameter reader failed: " + e.getMessage(), "HY000", e);
        }
    }

    /** {@code setObject(index, value)}: the type follows the Java class. */
    public static Value of(Object value) throws SQLException {
        if (value == null) {
            return Value.NULL;
        }
        if (value instanceof String) {
            return Value.of((String) value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Value.of(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return ofDouble(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return Value.of((Boolean) value ? 1L : 0L);
        }
        if (value instanceof BigDecimal) {
            return ofBigDecimal((BigDecimal) value);
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.bitLength() >= 64) {
                // As text it would look numeric, and an INTEGER/NUMERIC column would turn it into an
                // approximate REAL: refuse instead of storing a different number.
                throw SqlExceptions.data(
                        "cannot bind BigInteger " + big + ": SQLite integers are 64-bit ("
                                + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "); bind it with setString to store it as "
                                + "text in a TEXT column",
                        "22003",
                        null);
            }
            return Value.of(big.longValue());
        }
        if (value instanceof byte[]) {
            return Value.of((byte[]) value);
        }
        if (value instanceof java.sql.Timestamp) {
            return ofTimestamp((java.sql.Timestamp) value, null);
        }
        if (value instanceof java.sql.Date) {
            return ofDate((java.sql.Date) value, null);
        }
        if (value instanceof java.sql.Time) {
            return ofTime((java.sql.Time) value, null);
        }
        if (value instanceof java.util.Date) {
            return ofTimestamp(new java.sql.Timestamp(((java.util.Date) value).getTime()), null);
        }
        if (value instanceof Calendar) {
            Calendar calendar = (Calendar) value;
            return ofTimestamp(new java.sql.Timestamp(calendar.getTimeInMillis()), calendar);
        }
        if (value instanceof LocalDate) {
            return Value.of(Temporals.format((LocalDate) value));
        }
        if (value instanceof LocalTime) {
            return Value.of(Temporals.format((LocalTime) value));
        }
        if (value instanceof LocalDateTime) {
            return Value.of(Temporals.format((LocalDateTime) value));
        }
        if (value instanceof OffsetDateTime) {
            return Value.of(Temporals.format((OffsetDateTime) value));
        }
        if (value instanceof ZonedDateTime) {
            return Value.of(Temporals.format(((ZonedDateTime) value).toOffsetDateTime()));
        }
        if (value instanceof Instant) {
            return Value.of(Temporals.format((Instant) value));
        }
        if (value instanceof OffsetTime) {
            return Value.of(Temporals.format((OffsetTime) value));
        }
        if (value instanceof UUID || value instanceof Character || value instanceof URL) {
            return Value.of(value.toString());
        }
        if (value instanceof Enum) {
            return Value.of(((Enum<?>) value).name());
        }
        if (value instanceof Blob) {
            Blob blob = (Blob) value;
            return Value.of(blob.getBytes(1, (int) blob.length()));
        }
        if (value instanceof Clob) {
            Clob clob = (Clob) value;
            return Value.of(clob.getSubString(1, (int) clob.length()));
        }
        if (value instanceof InputStream) {
            return Value.of(readAll((InputStream) value, -1));
        }
        if (value instanceof Reader) {
            return Value.of(readAll((Reader) value, -1));
        }
        if (value instanceof Value) {
            return (Value) value;
        }
        throw new java.sql.SQLFeatureNotSupportedException(
                "setObject: cannot bind a value of " + value.getClass().getName()
                        + "; use a JDBC type or convert it first",
                "0A000");
    }

    /** {@code setObject(index, value, targetSqlType, scaleOrLength)}. */
    public static Value of(Object value, int targetSqlType, Integer scale) throws SQLException {
        if (value == null) {
            return Value.NULL;
        }
        try {
            switch (targetSqlType) {
                case Types.NULL:
                    return Value.NULL;
                case Types.BIT:
                case Types.BOOLEAN:
                    return Value.of(toBoolean(value) ? 1L : 0L);
                case Types.TINYINT:
                case Types.SMALLINT:
                case Types.INTEGER:
                case Types.BIGINT: {
                    BigDecimal number = toBigDecimal(value);
                    if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
                        throw SqlExceptions.data(
                                "setObject: " + value + " has a fractional part that JDBC type "
                                        + JDBCType.valueOf(targetSqlType).getName()
                                        + " would drop; round it first or bind "
                                        + "it as DOUBLE or DECIMAL",
                                "22003",
                                null);
                    }
                    if (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0) {
                        throw SqlExceptions.data(
                                "setObject: " + value + " is outside the 64-bit integer range", "22003", null);
                    }
                    return Value.of(number.longValue());
                }
                case Types.REAL:
                case Types.FLOAT:
                case Types.DOUBLE:
                    return ofDouble(
                            value instanceof Number
                                    ? ((Number) value).doubleValue()
                                    : Double.parseDouble(value.toString().trim()));
                case Types.DECIMAL:
                case Types.NUMERIC: {
                    BigDecimal decimal = toBigDecimal(value);
                    if (scale != null) {
                        decimal = decimal.setScale(scale, RoundingMode.HALF_UP);
                    }
                    return ofBigDecimal(decimal);
                }
                case Types.CHAR:
                case Types.VARCHAR:
                case Types.LONGVARCHAR:
                case Types.NCHAR:
                case Types.NVARCHAR:
                case Types.LONGNVARCHAR:
                case Types.CLOB:
                case Types.NCLOB: {
                    Value natural = of(value);
                    if (natural instanceof Value.BlobValue) {
                        return Value.of(new String(
                                ((Value.BlobValue) natural).value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                    if (natural instanceof Value.TextValue || natural instanceof Value.NullValue) {
                        return natural;
                    }
                    return Value.of(value instanceof Boolean ? ((Boolean) value ? "true" : "false") : value.toString());
                }
                case Types.BINARY:
                case Types.VARBINARY:
                case Types.LONGVARBINARY:
                case Types.BLOB: {
                    Value natural = of(value);
                    if (natural instanceof Value.TextValue) {
                        return Value.of(
                                ((Value.TextValue) natural).value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    return natural;
                }
                case Types.DATE:
                    if (value instanceof String) {
                        return Value.of(Temporals.format(
                                Temporals.parse((String) value).localDateTime().toLocalDate()));
                    }
                    if (value instanceof LocalDateTime) {
                        return Value.of(Temporals.format(((LocalDateTime) value).toLocalDate()));
                    }
                    if (value instanceof java.util.Date && !(value instanceof java.sql.Date)) {
                        return ofDate(new java.sql.Date(((java.util.Date) value).getTime()), null);
                    }
                    return of(value);
                case Types.TIME:
                case Types.TIME_WITH_TIMEZONE:
                    if (value instanceof LocalDateTime) {
                        return Value.of(Temporals.format(((LocalDateTime) value).toLocalTime()));
                    }
                    if (value instanceof java.util.Date && !(value instanceof java.sql.Time)) {
                        return ofTime(new java.sql.Time(((java.util.Date) value).getTime()), null);
                    }
                    return of(value);
                case Types.TIMESTAMP:
                case Types.TIMESTAMP_WITH_TIMEZONE:
                    if (value instanceof LocalDate) {
                        return Value.of(Temporals.format(((LocalDate) value).atStartOfDay()));
                    }
                    return of(value);
                case Types.ARRAY:
                case Types.STRUCT:
                case Types.REF:
                case Types.DATALINK:
                case Types.ROWID:
                case Types.SQLXML:
                case Types.REF_CURSOR:
                case Types.DISTINCT:
                case Types.JAVA_OBJECT:
                    throw new SQLFeatureNotSupportedException(
                            "setObject: JDBC type "
                                    + JDBCType.valueOf(targetSqlType).getName()
                                    + " is not supported (SQLite has no such "
                                    + "type; the value would be stored as text)",
                            "0A000");
                default:
                    return of(value);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw SqlExceptions.data(
                    "setObject: cannot convert " + value.getClass().getSimpleName() + " to JDBC type " + targetSqlType
                            + ": " + e.getMessage(),
                    "22018",
                    e);
        } catch (IllegalArgumentException e) {
            throw SqlExceptions.data("setObject: " + e.getMessage(), "22007", e);
        }
    }

    private static boolean toBoolean(Object value) throws SQLException {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue() != 0;
        }
        return Values.parseBoolean(value.toString());
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return new BigDecimal(value.toString().trim());
    }
}
