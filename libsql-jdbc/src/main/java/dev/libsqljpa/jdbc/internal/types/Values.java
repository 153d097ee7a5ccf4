package dev.libsqljpa.jdbc.internal.types;

import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Locale;
import java.util.UUID;

/**
 * Hrana {@link Value}s to Java for {@code ResultSet} getters. SQL NULL gives null (or 0/false for
 * primitives; the caller tracks {@code wasNull}). A value that cannot be converted fails with
 * {@code SQLDataException} (22018 conversion, 22003 out of range, 22007 bad date/time).
 */
public final class Values {
    private Values() {}

    public static boolean isNull(Value value) {
        return value instanceof Value.NullValue;
    }

    /**
     * The float as the server sent it; fails with {@code 22003} for a REAL the server holds as
     * +Infinity or -Infinity. SQLite has no NaN (it stores NULL instead); the servers send an
     * infinite REAL as a float with a null value (JSON has no infinity), which decodes to NaN, so the
     * sign is lost and no Java value would be exact.
     */
    public static Value.FloatValue requireKnown(Value value, String target) throws SQLException {
        Value.FloatValue f = (Value.FloatValue) value;
        if (Double.isNaN(f.value())) {
            throw SqlExceptions.data(
                    "the server holds an infinite REAL (+Infinity or -Infinity; Hrana does not carry which), so no "
                            + target + " can be returned exactly; read CAST(column AS TEXT) ('Inf' or '-Inf')"
                            + " or compare it with 1e999 / -1e999 in SQL",
                    "22003",
                    null);
        }
        return f;
    }

    /** {@code getString}: like {@link #getString(Value)}, but an infinite REAL fails (no "NaN"). */
    public static String getExactString(Value value) throws SQLException {
        if (value instanceof Value.FloatValue) {
            requireKnown(value, "String");
        }
        return getString(value);
    }

    public static String getString(Value value) {
        if (value instanceof Value.NullValue) {
            return null;
        }
        if (value instanceof Value.TextValue textValue) {
            return textValue.value();
        }
        if (value instanceof Value.IntegerValue integerValue) {
            return Long.toString(integerValue.value());
        }
        if (value instanceof Value.FloatValue floatValue) {
            return Double.toString(floatValue.value());
        }
        if (value instanceof Value.BlobValue blobValue) {
            return new String(blobValue.value(), StandardCharsets.UTF_8);
        }
        throw new AssertionError(value);
    }

    public static long getLong(Value value) throws SQLException {
        if (value instanceof Value.NullValue) {
            return 0;
        }
        if (value instanceof Value.IntegerValue integerValue) {
            return integerValue.value();
        }
        if (value instanceof Value.FloatValue floatValue) {
            double d = floatValue.value();
            if (Double.isNaN(d) || d < -9.223372036854775808E18 || d >= 9.223372036854775808E18) {
                throw outOfRange(value, "long");
            }
            return (long) d;
        }
        if (value instanceof Value.TextValue textValue) {
            String text = textValue.value().trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                try {
                    return new BigDecimal(text).setScale(0, RoundingMode.DOWN).longValueExact();
                } catch (NumberFormatException | ArithmeticException e2) {
                    throw conversion(value, "long", e2);
                }
            }
        }
        throw conversion(value, "long", null);
    }

    public static int getInt(Value value) throws SQLException {
        long v = getLong(value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(value, "int");
        }
        return (int) v;
    }

    public static short getShort(Value value) throws SQLException {
        long v = getLong(value);
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw outOfRange(value, "short");
        }
        return (short) v;
    }

    public static byte getByte(Value value) throws SQLException {
        long v = getLong(value);
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw outOfRange(value, "byte");
        }
        return (byte) v;
    }

    public static double getDouble(Value value) throws SQLException {
        if (value instanceof Value.NullValue) {
            return 0;
        }
        if (value instanceof Value.IntegerValue integerValue) {
            return integerValue.value();
        }
        if (value instanceof Value.FloatValue) {
            return requireKnown(value, "double").value();
        }
        if (value instanceof Value.TextValue textValue) {
            try {
                return Double.parseDouble(textValue.value().trim());
            } catch (NumberFormatException e) {
                throw conversion(value, "double", e);
            }
        }
        throw conversion(value, "double", null);
    }

    public static BigDecimal getBigDecimal(Value value) throws SQLException {
        if (value instanceof Value.NullValue) {
            return null;
        }
        if (value instanceof Value.IntegerValue integerValue) {
            return BigDecimal.valueOf(integerValue.value());
        }
        if (value instanceof Value.FloatValue) {
            double d = requireKnown(value, "BigDecimal").value();
            if (Double.isInfinite(d)) {
                throw outOfRange(value, "BigDecimal");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Value.TextValue textValue) {
            try {
                return new BigDecimal(textValue.value().trim());
            } catch (NumberFormatException e) {
                throw conversion(value, "BigDecimal", e);
            }
        }
        throw conversion(value, "BigDecimal", null);
    }

    public static boolean getBoolean(Value value) throws SQLException {
        if (value instanceof Value.NullValue) {
            return false;
        }
        if (value instanceof Value.IntegerValue integerValue) {
            return integerValue.value() != 0;
        }
        if (value instanceof Value.FloatValue floatValue) {
            return floatValue.value() != 0;
        }
        if (value instanceof Value.TextValue textValue) {
            return parseBoolean(textValue.value());
        }
        throw conversion(value, "boolean", null);
    }

    static boolean parseBoolean(String text) throws SQLException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "t", "yes", "y", "on", "1" -> true;
            case "false", "f", "no", "n", "off", "0", "" -> false;
            default -> {
                try {
                    yield Double.parseDouble(t) != 0;
                } catch (NumberFormatException e) {
                    throw SqlExceptions.data("cannot convert text '" + abbreviate(text) + "' to boolean", "22018", e);
                }
            }
        };
    }

    public static byte[] getBytes(Value value) {
        if (value instanceof Value.NullValue) {
            return null;
        }
        if (value instanceof Value.BlobValue blobValue) {
            return blobValue.value();
        }
        return getString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The value as an instant-like local date-time in {@code zone} (for Timestamp/Date/Time). */
    private static Temporals.Parsed parsed(Value value, String target) throws SQLException {
        if (value instanceof Value.TextValue textValue) {
            try {
                return Temporals.parse(textValue.value());
            } catch (IllegalArgumentException e) {
                throw SqlExceptions.data(
                        "cannot convert text '" + abbreviate(textValue.value()) + "' to " + target, "22007", e);
            }
        }
        Instant instant;
        if (value instanceof Value.IntegerValue integerValue) {
            instant = Temporals.fromEpochMillis(integerValue.value());
        } else if (value instanceof Value.FloatValue floatValue) {
            instant = Temporals.fromJulianDay(floatValue.value());
        } else {
            throw conversion(value, target, null);
        }
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        return new Temporals.Parsed(utc.toLocalDate(), utc.toLocalTime(), ZoneOffset.UTC);
    }

    public static Timestamp getTimestamp(Value value, Calendar calendar) throws SQLException {
        if (value instanceof Value.NullValue) {
            return null;
        }
        Temporals.Parsed p = parsed(value, "Timestamp");
        if (p.offset() == null && calendar == null) {
            return Timestamp.valueOf(p.localDateTime());
        }
        return Timestamp.from(p.instant(Temporals.zone(calendar)));
    }

    public static java.sql.Date getDate(Value value, Calendar calendar) throws SQLException {
        if (value instanceof Value.NullValue) {
            return null;
        }
        Temporals.Parsed p = parsed(value, "Date");
        if (p.offset() == null && calendar == null) {
            return java.sql.Date.valueOf(p.localDateTime().toLocalDate());
        }
        ZoneId zone = Temporals.zone(calendar);
        LocalDate date = p.offset() == null
                ? p.localDateTime().toLocalDate()
                : LocalDateTime.ofInstant(p.instant(zone), zone).toLocalDate();
        return new java.sql.Date(date.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    public static Time getTime(Value value, Calendar calendar) throws SQLException {
        if (value instanceof Value.NullValue) {
            return null;
        }
        Temporals.Parsed p = parsed(value, "Time");
        if (p.offset() == null && calendar == null) {
            return Time.valueOf(p.localDateTime().toLocalTime());
        }
        return new Time(p.instant(Temporals.zone(calendar)).toEpochMilli());
    }

    /** {@code getObject(column, type)}. */
    @SuppressWarnings("unchecked")
    public static <T> T getObject(Value value, Class<T> type) throws SQLException {
        if (type == null) {
            throw SqlExceptions.nullArgument("getObject: the type must not be null");
        }
        if (value instanceof Value.NullValue) {
            return null;
        }
        Object result;
        if (type == String.class) {
            result = getExactString(value);
        } else if (type == Long.class || type == long.class) {
            result = getLong(value);
        } else if (type == Integer.class || type == int.class) {
            result = getInt(value);
        } else if (type == Short.class || type == short.class) {
            result = getShort(value);
        } else if (type == Byte.class || type == byte.class) {
            result = getByte(value);
        } else if (type == Double.class || type == double.class) {
            result = getDouble(value);
        } else if (type == Float.class || type == float.class) {
            result = (float) getDouble(value);
        } else if (type == Boolean.class || type == boolean.class) {
            result = getBoolean(value);
        } else if (type == BigDecimal.class) {
            result = getBigDecimal(value);
        } else if (type == BigInteger.class) {
            result = getBigDecimal(value).toBigInteger();
        } else if (type == byte[].class) {
            result = getBytes(value);
        } else if (type == LocalDate.class) {
            Temporals.Parsed p = parsed(value, "LocalDate");
            result = p.offset() == null || p.time() == null
                    ? p.localDateTime().toLocalDate()
                    : LocalDate.ofInstant(p.instant(ZoneOffset.UTC), ZoneId.systemDefault());
        } else if (type == LocalTime.class) {
            result = parsed(value, "LocalTime").localDateTime().toLocalTime();
        } else if (type == LocalDateTime.class) {
            Temporals.Parsed p = parsed(value, "LocalDateTime");
            result = p.offset() == null
                    ? p.localDateTime()
                    : LocalDateTime.ofInstant(p.instant(ZoneOffset.UTC), ZoneId.systemDefault());
        } else if (type == OffsetDateTime.class) {
            Temporals.Parsed p = parsed(value, "OffsetDateTime");
            result = p.localDateTime().atOffset(p.offset() == null ? ZoneOffset.UTC : p.offset());
        } else if (type == ZonedDateTime.class) {
            Temporals.Parsed p = parsed(value, "ZonedDateTime");
            result = p.localDateTime().atZone(p.offset() == null ? ZoneOffset.UTC : p.offset());
        } else if (type == OffsetTime.class) {
            Temporals.Parsed p = parsed(value, "OffsetTime");
            result = p.localDateTime().toLocalTime().atOffset(p.offset() == null ? ZoneOffset.UTC : p.offset());
        } else if (type == Instant.class) {
            result = parsed(value, "Instant").instant(ZoneOffset.UTC);
        } else if (type == Timestamp.class) {
            result = getTimestamp(value, null);
        } else if (type == java.sql.Date.class) {
            result = getDate(value, null);
        } else if (type == Time.class) {
            result = getTime(value, null);
        } else if (type == java.util.Date.class) {
            result = new java.util.Date(getTimestamp(value, null).getTime());
        } else if (type == UUID.class) {
            result = getUuid(value);
        } else if (type == Blob.class) {
            result = new LibsqlBlob(getBytes(value));
        } else if (type == Clob.class || type == NClob.class) {
            result = new LibsqlClob(getString(value));
        } else if (type == Object.class) {
            result = natural(value);
        } else {
            throw SqlExceptions.notSupported("getObject: conversion to " + type.getName() + " is not supported");
        }
        return (T) result;
    }

    private static UUID getUuid(Value value) throws SQLException {
        if (value instanceof Value.BlobValue && ((Value.BlobValue) value).length() == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(((Value.BlobValue) value).value());
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        String text = getString(value).trim();
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw conversion(value, "UUID", e);
        }
    }

    /** The value's own Java type: Long, Double, String, byte[]. */
    public static Object natural(Value value) {
        if (value instanceof Value.NullValue) {
            return null;
        }
        if (value instanceof Value.IntegerValue integerValue) {
            return integerValue.value();
        }
        if (value instanceof Value.FloatValue floatValue) {
            return floatValue.value();
        }
        if (value instanceof Value.TextValue textValue) {
            return textValue.value();
        }
        if (value instanceof Value.BlobValue blobValue) {
            return blobValue.value();
        }
        throw new AssertionError(value);
    }

    private static SQLException conversion(Value value, String target, Throwable cause) {
        String shown = value instanceof Value.BlobValue
                ? "a blob of " + ((Value.BlobValue) value).length() + " bytes"
                : "'" + abbreviate(getString(value)) + "'";
        return SqlExceptions.data("cannot convert " + shown + " to " + target, "22018", cause);
    }

    private static SQLException outOfRange(Value value, String target) {
        return SqlExceptions.data(
                "value " + abbreviate(getString(value)) + " is out of range for " + target, "22003", null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
