package dev.libsqljpa.hibernate.schema;

import java.util.Locale;

/** SQLite type affinity (sqlite.org/datatype3.html §3.1) and the defaults derived from it. */
final class TypeAffinity {

    private TypeAffinity() {}

    /** INTEGER, TEXT, BLOB, REAL or NUMERIC, by SQLite's rules on the declared type. */
    static String affinity(String declaredType) {
        String t = declaredType == null ? "" : declaredType.toUpperCase(Locale.ROOT);
        if (t.contains("INT")) {
            return "INTEGER";
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
            return "TEXT";
        }
        if (t.contains("BLOB") || t.isBlank()) {
            return "BLOB";
        }
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
            return "REAL";
        }
        return "NUMERIC";
    }

    /**
     * The constant default given to a NOT NULL column added to an existing table when the mapping has
     * none: {@code 0} for numbers and booleans, {@code ''} for text, {@code x''} for binary data, and
     * the epoch ({@code '1970-01-01'}, {@code '00:00:00'}, {@code '1970-01-01 00:00:00'}) for dates and times.
     */
    static String defaultLiteral(String declaredType) {
        String t = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT);
        if (t.startsWith("timestamp") || t.startsWith("datetime")) {
            return "'1970-01-01 00:00:00'";
        }
        if (t.startsWith("date")) {
            return "'1970-01-01'";
        }
        if (t.startsWith("time")) {
            return "'00:00:00'";
        }
        if (t.contains("binary")) {
            return "x''";
        }
        return switch (affinity(declaredType)) {
            case "INTEGER", "NUMERIC" -> "0";
            case "REAL" -> "0.0";
            case "TEXT" -> "''";
            case "BLOB" -> "x''";
            default -> throw new AssertionError(declaredType);
        };
    }
}
