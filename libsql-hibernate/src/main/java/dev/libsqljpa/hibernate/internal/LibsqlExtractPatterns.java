package dev.libsqljpa.hibernate.internal;

/**
 * SQL patterns for {@code extract(unit from ?2)} on the stored text format, keyed by
 * {@code TemporalUnit.name()} (the enum changed package between Hibernate 6 and 7, so shared code
 * only sees its name). Results are integers (SECOND is a double with the fraction), so comparisons
 * such as {@code month(d) = 3} work; SQLiteDialect returns {@code strftime} text and adds one to the
 * day of the month.
 */
public final class LibsqlExtractPatterns {

    private LibsqlExtractPatterns() {}

    /** The pattern for the unit, or {@code null} to use the inherited one. */
    public static String pattern(String unit) {
        return switch (unit) {
            case "YEAR" -> "cast(strftime('%Y',?2) as integer)";
            case "QUARTER" -> "((cast(strftime('%m',?2) as integer)+2)/3)";
            case "MONTH" -> "cast(strftime('%m',?2) as integer)";
            case "DAY", "DAY_OF_MONTH" -> "cast(strftime('%d',?2) as integer)";
            case "DAY_OF_WEEK" -> "(cast(strftime('%w',?2) as integer)+1)";
            case "DAY_OF_YEAR" -> "cast(strftime('%j',?2) as integer)";
            case "HOUR" -> "cast(strftime('%H',?2) as integer)";
            case "MINUTE" -> "cast(strftime('%M',?2) as integer)";
            case "SECOND" -> "cast(strftime('%S.%f',?2) as double)";
            case "EPOCH" -> "cast(strftime('%s',?2) as integer)";
            default -> null;
        };
    }
}
