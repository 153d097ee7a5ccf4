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
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
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
        if (value instanceof Value.TextValue textValue) {
            String text = textValue.value();
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

    public static Value ofTimestamp(Timestamp value, Calendar calendar) {
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

    public static Value ofTime(Time value, Calendar calendar) {
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
            throw SqlExceptions.general("reading the parameter stream failed: " + e.getMessage(), e);
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
            throw SqlExceptions.general("reading the parameter reader failed: " + e.getMessage(), e);
        }
    }

    /** {@code setObject(index, value)}: the type follows the Java class. */
    public static Value of(Object value) throws SQLException {
        if (value == null) {
            return Value.NULL;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Value.of(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return ofDouble(((Number) value).doubleValue());
        }
        if (value instanceof UUID || value instanceof Character || value instanceof URL) {
            return Value.of(value.toString());
        }
        if (value instanceof String text) {
            return Value.of(text);
        } else if (value instanceof Boolean bool) {
            return Value.of(bool ? 1L : 0L);
        } else if (value instanceof BigDecimal decimal) {
            return ofBigDecimal(decimal);
        } else if (value instanceof BigInteger big) {
            return ofBigInteger(big);
        } else if (value instanceof byte[] bytes) {
            return Value.of(bytes);
        } else if (value instanceof Value bound) {
            return bound;
        }
        Value temporal = ofTemporal(value);
        if (temporal != null) {
            return temporal;
        }
        if (value instanceof Enum<?> constant) {
            return Value.of(constant.name());
        } else if (value instanceof Blob blob) {
            return Value.of(blob.getBytes(1, (int) blob.length()));
        } else if (value instanceof Clob clob) {
            return Value.of(clob.getSubString(1, (int) clob.length()));
        } else if (value instanceof InputStream stream) {
            return Value.of(readAll(stream, -1));
        } else if (value instanceof Reader reader) {
            return Value.of(readAll(reader, -1));
        }
        throw SqlExceptions.notSupported("setObject: cannot bind a value of "
                + value.getClass().getName() + "; use a JDBC type or convert it first");
    }

    private static Value ofBigInteger(BigInteger big) throws SQLException {
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

    /** The JDBC and java.time date/time classes, in the text formats of {@link Temporals}; null for others. */
    private static Value ofTemporal(Object value) {
        if (value instanceof Timestamp timestamp) {
            return ofTimestamp(timestamp, null);
        } else if (value instanceof java.sql.Date date) {
            return ofDate(date, null);
        } else if (value instanceof Time time) {
            return ofTime(time, null);
        } else if (value instanceof java.util.Date date) {
            return ofTimestamp(new Timestamp(date.getTime()), null);
        } else if (value instanceof Calendar calendar) {
            return ofTimestamp(new Timestamp(calendar.getTimeInMillis()), calendar);
        } else if (value instanceof LocalDate date) {
            return Value.of(Temporals.format(date));
        } else if (value instanceof LocalTime time) {
            return Value.of(Temporals.format(time));
        } else if (value instanceof LocalDateTime dateTime) {
            return Value.of(Temporals.format(dateTime));
        } else if (value instanceof OffsetDateTime dateTime) {
            return Value.of(Temporals.format(dateTime));
        } else if (value instanceof ZonedDateTime dateTime) {
            return Value.of(Temporals.format(dateTime.toOffsetDateTime()));
        } else if (value instanceof Instant instant) {
            return Value.of(Temporals.format(instant));
        } else if (value instanceof OffsetTime time) {
            return Value.of(Temporals.format(time));
        }
        return null;
    }

    /** {@code setObject(index, value, targetSqlType, scaleOrLength)}. */
    public static Value of(Object value, int targetSqlType, Integer scale) throws SQLException {
        if (value == null) {
            return Value.NULL;
        }
        try {
            return switch (targetSqlType) {
                case Types.NULL -> Value.NULL;
                case Types.BIT, Types.BOOLEAN -> Value.of(toBoolean(value) ? 1L : 0L);
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> asInteger(value, targetSqlType);
                case Types.REAL, Types.FLOAT, Types.DOUBLE ->
                    ofDouble(
                            value instanceof Number number
                                    ? number.doubleValue()
                                    : Double.parseDouble(value.toString().trim()));
                case Types.DECIMAL, Types.NUMERIC ->
                    ofBigDecimal(
                            scale == null
                                    ? toBigDecimal(value)
                                    : toBigDecimal(value).setScale(scale, RoundingMode.HALF_UP));
                case Types.CHAR,
                        Types.VARCHAR,
                        Types.LONGVARCHAR,
                        Types.NCHAR,
                        Types.NVARCHAR,
                        Types.LONGNVARCHAR,
                        Types.CLOB,
                        Types.NCLOB -> asText(value);
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> asBytes(value);
                case Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                    asTemporal(value, targetSqlType);
                case Types.ARRAY,
                        Types.STRUCT,
                        Types.REF,
                        Types.DATALINK,
                        Types.ROWID,
                        Types.SQLXML,
                        Types.REF_CURSOR,
                        Types.DISTINCT,
                        Types.JAVA_OBJECT ->
                    throw SqlExceptions.notSupported("setObject: JDBC type "
                            + JDBCType.valueOf(targetSqlType).getName()
                            + " is not supported (SQLite has no such type; the value would be stored as text)");
                default -> of(value);
            };
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

    private static Value asInteger(Object value, int targetSqlType) throws SQLException {
        BigDecimal number = toBigDecimal(value);
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw SqlExceptions.data(
                    "setObject: " + value + " has a fractional part that JDBC type "
                            + JDBCType.valueOf(targetSqlType).getName()
                            + " would drop; round it first or bind it as DOUBLE or DECIMAL",
                    "22003",
                    null);
        }
        if (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0) {
            throw SqlExceptions.data("setObject: " + value + " is outside the 64-bit integer range", "22003", null);
        }
        return Value.of(number.longValue());
    }

    private static Value asText(Object value) throws SQLException {
        Value natural = of(value);
        if (natural instanceof Value.BlobValue blob) {
            return Value.of(new String(blob.value(), StandardCharsets.UTF_8));
        }
        if (natural instanceof Value.TextValue || natural instanceof Value.NullValue) {
            return natural;
        }
        return Value.of(value instanceof Boolean bool ? (bool ? "true" : "false") : value.toString());
    }

    private static Value asBytes(Object value) throws SQLException {
        Value natural = of(value);
        return natural instanceof Value.TextValue text
                ? Value.of(text.value().getBytes(StandardCharsets.UTF_8))
                : natural;
    }

    private static Value asTemporal(Object value, int targetSqlType) throws SQLException {
        if (targetSqlType == Types.DATE) {
            if (value instanceof String text) {
                return Value.of(
                        Temporals.format(Temporals.parse(text).localDateTime().toLocalDate()));
            } else if (value instanceof LocalDateTime dateTime) {
                return Value.of(Temporals.format(dateTime.toLocalDate()));
            } else if (value instanceof java.util.Date date && !(value instanceof java.sql.Date)) {
                return ofDate(new java.sql.Date(date.getTime()), null);
            }
        } else if (targetSqlType == Types.TIME || targetSqlType == Types.TIME_WITH_TIMEZONE) {
            if (value instanceof LocalDateTime dateTime) {
                return Value.of(Temporals.format(dateTime.toLocalTime()));
            } else if (value instanceof java.util.Date date && !(value instanceof Time)) {
                return ofTime(new Time(date.getTime()), null);
            }
        } else if (value instanceof LocalDate date) {
            return Value.of(Temporals.format(date.atStartOfDay()));
        }
        return of(value);
    }

    private static boolean toBoolean(Object value) throws SQLException {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        return Values.parseBoolean(value.toString());
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        if (value instanceof Boolean bool) {
            return bool ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return new BigDecimal(value.toString().trim());
    }
}
