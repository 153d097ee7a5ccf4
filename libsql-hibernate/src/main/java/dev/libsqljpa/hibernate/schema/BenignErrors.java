package dev.libsqljpa.hibernate.schema;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tolerance rule: exactly three outcomes of a DDL statement are known to be safe, and each only
 * for the statement kind and object it belongs to.
 * <ul>
 *   <li>{@code duplicate column name: X} for {@code ALTER TABLE t ADD COLUMN X} (the column is there);</li>
 *   <li>{@code no such column: X} for {@code ALTER TABLE t DROP COLUMN X} (the column is gone), but not
 *       when SQLite says an index, trigger or view broke "after drop column" (the column is still there);</li>
 *   <li>{@code <kind> X already exists} for {@code CREATE <kind> X} (the object is there).</li>
 * </ul>
 * Everything else, including one of these messages on another statement or naming another object,
 * is not benign. Messages are matched anywhere in the error text because drivers and servers prefix
 * it ({@code SQLite error: }, {@code Runtime error: }, {@code [SQLITE_ERROR] SQL error or missing
 * database (...)}) and may append a result code ({@code (1)}).
 */
public final class BenignErrors {

    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|'(?:[^']|'')+'|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z0-9_$.]+)";
    private static final Pattern DUPLICATE_COLUMN = Pattern.compile("(?i)duplicate column name:\\s*" + NAME);
    private static final Pattern NO_SUCH_COLUMN = Pattern.compile("(?i)no such column:?\\s*" + NAME);
    /**
     * SQLite refusing a DROP COLUMN because another object still uses the column: "error in index X
     * after drop column: no such column: c". The column is still there, so this is never benign.
     */
    private static final Pattern DEPENDENT_OBJECT_BROKEN = Pattern.compile("(?i)error in \\w+ .* after drop column");

    private static final Pattern ALREADY_EXISTS =
            Pattern.compile("(?i)(table|index|view|trigger)\\s+(?:with name\\s+)?" + NAME + "\\s+already exists");

    private BenignErrors() {}

    /**
     * Decides whether {@code error}, raised by {@code sql}, is one of the three benign outcomes.
     *
     * @return the reason to log when it is benign, else empty
     */
    public static Optional<String> classify(String sql, SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            Optional<String> reason = classify(sql, t.getMessage());
            if (reason.isPresent()) {
                return reason;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** As {@link #classify(String, SQLException)} on a message text. */
    public static Optional<String> classify(String sql, String message) {
        if (message == null || sql == null) {
            return Optional.empty();
        }
        DdlStatement statement = DdlStatement.parse(sql);
        return switch (statement.kind()) {
            case ADD_COLUMN -> columnAlreadyAdded(statement, message);
            case DROP_COLUMN -> columnAlreadyDropped(statement, message);
            case CREATE_TABLE, CREATE_INDEX, CREATE_VIEW, CREATE_TRIGGER -> alreadyCreated(statement, message);
            case OTHER -> Optional.empty();
        };
    }

    private static Optional<String> columnAlreadyAdded(DdlStatement statement, String message) {
        Matcher m = DUPLICATE_COLUMN.matcher(message);
        if (m.find() && same(DdlStatement.unquote(m.group(1)), statement.column())) {
            return Optional.of("column " + statement.table() + "." + statement.column()
                    + " already exists (duplicate column name)");
        }
        return Optional.empty();
    }

    private static Optional<String> columnAlreadyDropped(DdlStatement statement, String message) {
        Matcher m = NO_SUCH_COLUMN.matcher(message);
        if (m.find()
                && same(DdlStatement.unquote(m.group(1)), statement.column())
                && !DEPENDENT_OBJECT_BROKEN.matcher(message).find()) {
            return Optional.of(
                    "column " + statement.table() + "." + statement.column() + " is already gone (no such column)");
        }
        return Optional.empty();
    }

    private static Optional<String> alreadyCreated(DdlStatement statement, String message) {
        Matcher m = ALREADY_EXISTS.matcher(message);
        String expectedKind =
                statement.kind().name().substring("CREATE_".length()).toLowerCase(Locale.ROOT);
        if (m.find()
                && m.group(1).equalsIgnoreCase(expectedKind)
                && same(DdlStatement.unquote(m.group(2)), statement.table())) {
            return Optional.of(expectedKind + " " + statement.table() + " already exists");
        }
        return Optional.empty();
    }

    /** SQLite identifiers compare case-insensitively (ASCII). */
    private static boolean same(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
