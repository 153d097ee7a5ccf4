package dev.libsqljpa.jdbc.internal.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;

/**
 * Date and time text as SQLite's date functions read it ({@code sqlite.org/lang_datefunc.html}):
 * {@code YYYY-MM-DD}, {@code HH:MM:SS[.fraction]}, {@code YYYY-MM-DD HH:MM:SS[.fraction][±HH:MM|Z]}.
 * Fractions are written only when non-zero, trailing zeros dropped. Reading also accepts a
 * {@code T} separator, integers (Unix epoch milliseconds, sqlite-jdbc's default) and reals (Julian
 * day numbers).
 */
public final class Temporals {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(TIME)
            .toFormatter();
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DATE_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();
    private static final DateTimeFormatter OFFSET_TIME = new DateTimeFormatterBuilder()
            .append(TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();
    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .optionalStart()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalEnd()
            .optionalStart()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalEnd()
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter();
    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;

    private Temporals() {}

    static String format(LocalDate date) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    static String format(LocalTime time) {
        return TIME.format(time);
    }

    static String format(LocalDateTime dateTime) {
        return DATE_TIME.format(dateTime);
    }

    static String format(OffsetDateTime dateTime) {
        return OFFSET_DATE_TIME.format(dateTime);
    }

    static String format(OffsetTime time) {
        return OFFSET_TIME.format(time);
    }

    static String format(Instant instant) {
        return format(instant.atOffset(ZoneOffset.UTC));
    }

    /** A parsed value: some of date, time and offset. */
    record Parsed(LocalDate date, LocalTime time, ZoneOffset offset) {
        LocalDateTime localDateTime() {
            return LocalDateTime.of(
                    date == null ? LocalDate.of(1970, 1, 1) : date, time == null ? LocalTime.MIDNIGHT : time);
        }

        /** The instant, reading a value without offset in {@code zone}. */
        Instant instant(ZoneId zone) {
            if (offset != null) {
                return localDateTime().toInstant(offset);
            }
            return localDateTime().atZone(zone).toInstant();
        }
    }

    public static Parsed parse(String text) {
        String value = text.trim();
        if (value.length() > 10 && (value.charAt(10) == 'T' || value.charAt(10) == 't')) {
            value = value.substring(0, 10) + ' ' + value.substring(11);
        }
        TemporalAccessor parsed;
        try {
            parsed = PARSER.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date/time value: '" + text + "'", e);
        }
        LocalDate date = parsed.isSupported(ChronoField.EPOCH_DAY) ? LocalDate.from(parsed) : null;
        LocalTime time = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : null;
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : null;
        if (date == null && time == null) {
            throw new IllegalArgumentException("not a date/time value: '" + text + "'");
        }
        return new Parsed(date, time, offset);
    }

    static Instant fromEpochMillis(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static Instant fromJulianDay(double julianDay) {
        double millis = (julianDay - UNIX_EPOCH_JULIAN_DAY) * 86_400_000d;
        return Instant.ofEpochMilli(Math.round(millis));
    }

    static ZoneId zone(Calendar calendar) {
        return calendar == null
                ? ZoneId.systemDefault()
                : calendar.getTimeZone().toZoneId();
    }
}
