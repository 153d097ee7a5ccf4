package dev.libsqljpa.hibernate.schema;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DDL statement does, as far as the benign-error rule needs to know: its kind and the object
 * it names. Parsed from the statement text the tool itself generated (lower or upper case, quoted or
 * not); anything it does not recognise is {@link Kind#OTHER}, for which no error is ever tolerated.
 *
 * @param kind      the statement kind
 * @param table     the table the statement creates or alters (the index's name for CREATE INDEX)
 * @param column    the column added or dropped, else {@code null}
 */
public record DdlStatement(Kind kind, String table, String column) {

    /** Statement kinds the tolerance rule distinguishes. */
    public enum Kind {
        CREATE_TABLE,
        CREATE_INDEX,
        CREATE_VIEW,
        CREATE_TRIGGER,
        ADD_COLUMN,
        DROP_COLUMN,
        OTHER
    }

    private static final String PART = "(?:\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+\\]|[^\\s(.\"`\\[]+)";
    private static final String NAME = "(" + PART + "(?:\\s*\\.\\s*" + PART + ")*)";
    private static final Pattern CREATE =
            Pattern.compile("(?is)\\s*create\\s+(?:(unique)\\s+)?(?:temp(?:orary)?\\s+)?(table|index|view|trigger)\\s+"
                    + "(?:if\\s+not\\s+exists\\s+)?" + NAME + ".*");
    private static final Pattern ALTER = Pattern.compile("(?is)\\s*alter\\s+table\\s+(?:if\\s+exists\\s+)?" + NAME
            + "\\s+(add|drop)\\s+(?:column\\s+)?" + NAME + ".*");

    /** Parses one statement; never fails. */
    public static DdlStatement parse(String sql) {
        Matcher create = CREATE.matcher(sql);
        if (create.matches()) {
            String what = create.group(2).toLowerCase(Locale.ROOT);
            Kind kind = what.equals("table")
                    ? Kind.CREATE_TABLE
                    : what.equals("index")
                            ? Kind.CREATE_INDEX
                            : what.equals("view") ? Kind.CREATE_VIEW : Kind.CREATE_TRIGGER;
            return new DdlStatement(kind, unquote(create.group(3)), null);
        }
        Matcher alter = ALTER.matcher(sql);
        if (alter.matches()) {
            String column = unquote(alter.group(3));
            if (column.equalsIgnoreCase("constraint")
                    || column.equalsIgnoreCase("primary")
                    || column.equalsIgnoreCase("foreign")
                    || column.equalsIgnoreCase("unique")) {
                return new DdlStatement(Kind.OTHER, unquote(alter.group(1)), null);
            }
            Kind kind = alter.group(2).equalsIgnoreCase("add") ? Kind.ADD_COLUMN : Kind.DROP_COLUMN;
            return new DdlStatement(kind, unquote(alter.group(1)), column);
        }
        return new DdlStatement(Kind.OTHER, null, null);
    }

    /** Strips one level of SQL quoting and any schema prefix ({@code main.t} → {@code t}). */
    static String unquote(String name) {
        String n = name;
        int dot = lastDotOutsideQuotes(n);
        if (dot >= 0) {
            n = n.substring(dot + 1);
        }
        if (n.length() >= 2) {
            char first = n.charAt(0);
            char last = n.charAt(n.length() - 1);
            if (first == '"' && last == '"') {
                return n.substring(1, n.length() - 1).replace("\"\"", "\"");
            }
            if (first == '\'' && last == '\'') {
                return n.substring(1, n.length() - 1).replace("''", "'");
            }
            if (first == '`' && last == '`' || first == '[' && last == ']') {
                return n.substring(1, n.length() - 1);
            }
        }
        return n;
    }

    private static int lastDotOutsideQuotes(String n) {
        boolean quoted = false;
        int dot = -1;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '"' || c == '`' || c == '\'') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return dot;
    }
}
