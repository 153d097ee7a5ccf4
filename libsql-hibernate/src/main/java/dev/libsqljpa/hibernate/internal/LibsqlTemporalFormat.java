package dev.libsqljpa.hibernate.internal;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The one text format every date/time value is stored in:
 * <ul>
 *   <li>date: {@code 2024-03-01}</li>
 *   <li>time: {@code 13:45:07} or {@code 13:45:07.123456789} (fraction only when not zero, trailing zeros
 *       dropped)</li>
 *   <li>date-time: {@code 2024-03-01 13:45:07.5}; instants and offset/zoned values are converted to UTC
 *       first and stored without a zone suffix</li>
 * </ul>
 * Fixed-width fields before the fraction and no suffix make text order equal time order, and SQLite's
 * date functions ({@code strftime}, {@code datetime}, {@code julianday}) read it directly.
 */
public final class LibsqlTemporalFormat {

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(TIME)
            .toFormatter(Locale.ROOT);

    /** Lenient on read: 'T' or ' ', optional seconds and fraction, optional offset or 'Z'. */
    private static final DateTimeFormatter READ_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private LibsqlTemporalFormat() {}

    public static String format(LocalDate date) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    public static String format(LocalTime time) {
        return TIME.format(time);
    }

    public static String format(LocalDateTime dateTime) {
        return DATE_TIME.format(dateTime);
    }

    public static String format(Instant instant) {
        return DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static LocalDate parseDate(String text) throws SQLException {
        try {
            String trimmed = text.trim();
            return trimmed.length() > 10 ? parseDateTime(trimmed).toLocalDate() : LocalDate.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw unreadable(text, "date", e);
        }
    }

    public static LocalTime parseTime(String text) throws SQLException {
        try {
            String trimmed = text.trim();
            return trimmed.length() > 10 && trimmed.charAt(4) == '-'
                    ? parseDateTime(trimmed).toLocalTime()
                    : LocalTime.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw unreadable(text, "time", e);
        }
    }

    /** A value with an offset is converted to UTC; one without is returned as stored. */
    public static LocalDateTime parseDateTime(String text) throws SQLException {
        String trimmed = text.trim();
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay();
            }
            var parsed = READ_DATE_TIME.parse(trimmed);
            LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS));
                return OffsetDateTime.of(local, offset)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime();
            }
            return local;
        } catch (DateTimeParseException e) {
            throw unreadable(text, "timestamp", e);
        }
    }

    public static Instant parseInstant(String text) throws SQLException {
        return parseDateTime(text).toInstant(ZoneOffset.UTC);
    }

    private static SQLException unreadable(String text, String what, Exception cause) {
        return new SQLDataException(
                "Stored value '" + text + "' is not a " + what
                        + " in libSQL's text format (yyyy-MM-dd HH:mm:ss[.fffffffff])",
                "22007",
                cause);
    }
}
