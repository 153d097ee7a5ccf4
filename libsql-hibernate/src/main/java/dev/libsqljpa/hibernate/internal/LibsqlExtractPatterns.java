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
        switch (unit) {
            case "YEAR":
                return "cast(strftime('%Y',?2) as integer)";
            case "QUARTER":
                return "((cast(strftime('%m',?2) as integer)+2)/3)";
            case "MONTH":
                return "cast(strftime('%m',?2) as integer)";
            case "DAY":
            case "DAY_OF_MONTH":
                return "cast(strftime('%d',?2) as integer)";
            case "DAY_OF_WEEK":
                return "(cast(strftime('%w',?2) as integer)+1)";
            case "DAY_OF_YEAR":
                return "cast(strftime('%j',?2) as integer)";
            case "HOUR":
                return "cast(strftime('%H',?2) as integer)";
            case "MINUTE":
                return "cast(strftime('%M',?2) as integer)";
            case "SECOND":
                return "cast(strftime('%S.%f',?2) as double)";
            case "EPOCH":
                return "cast(strftime('%s',?2) as integer)";
            default:
                return null;
        }
    }
}
