package dev.libsqljpa.testkit.internal;

import dev.libsqljpa.hrana.v3.proto.HranaError;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns sqlite-jdbc exceptions into sqld's in-band errors: code {@code SQLITE_<PRIMARY>} (sqld has no
 * name for the generic code 1 and sends {@code SQLITE_UNKNOWN}), message {@code SQLite error: } plus
 * SQLite's own text; syntax errors become {@code SQL_PARSE_ERROR} (sqld finds them with its parser
 * before SQLite sees the statement).
 */
public final class SqliteErrors {

    private SqliteErrors() {}

    private static final String[] PRIMARY_NAMES = new String[27];

    static {
        String[] names = {
            null,
            "UNKNOWN",
            "INTERNAL",
            "PERM",
            "ABORT",
            "BUSY",
            "LOCKED",
            "NOMEM",
            "READONLY",
            "INTERRUPT",
            "IOERR",
            "CORRUPT",
            "NOTFOUND",
            "FULL",
            "CANTOPEN",
            "PROTOCOL",
            null,
            "SCHEMA",
            "TOOBIG",
            "CONSTRAINT",
            "MISMATCH",
            "MISUSE",
            "NOLFS",
            "AUTH",
            null,
            "RANGE",
            "NOTADB"
        };
        System.arraycopy(names, 0, PRIMARY_NAMES, 0, names.length);
    }

    /** sqld's code name for a primary SQLite result code. */
    public static String codeName(int resultCode) {
        int primary = resultCode & 0xff;
        String name = primary < PRIMARY_NAMES.length ? PRIMARY_NAMES[primary] : null;
        return "SQLITE_" + (name == null ? "UNKNOWN" : name);
    }

    /** True for SQLite texts that mean the SQL could not be parsed. */
    public static boolean isSyntaxError(String sqliteText) {
        String lower = sqliteText.toLowerCase(Locale.ROOT);
        return lower.endsWith("syntax error")
                || lower.startsWith("incomplete input")
                || lower.startsWith("unrecognized token");
    }

    /** The in-band error for a failed prepare or step. */
    public static HranaError toError(SQLException e) {
        String text = sqliteText(e);
        if (isSyntaxError(text)) {
            return new HranaError("SQL string could not be parsed: " + text, "SQL_PARSE_ERROR");
        }
        return new HranaError("SQLite error: " + text, codeName(e.getErrorCode()));
    }

    /**
     * SQLite messages that {@code sqlite3_error_offset} pins to a token of the statement; for them
     * sqld (through rusqlite) answers {@code SQL_INPUT_ERROR} "SQL input error: ... (at offset N)".
     * sqlite-jdbc does not expose the offset, so it is found again from the named identifier.
     */
    private static final Pattern OFFSET_MESSAGES =
            Pattern.compile("(?:no such column|ambiguous column name|no such function|misuse of aggregate(?: function)?"
                    + "|misuse of window function|wrong number of arguments to function): ([^ ]+?)(?:\\(\\))?");

    private static final Pattern WRONG_ARGS = Pattern.compile("wrong number of arguments to function ([^ (]+)\\(\\)");

    /** The in-band error for a failed prepare of {@code sql} (one statement). */
    public static HranaError toPrepareError(SQLException e, String sql) {
        String text = sqliteText(e);
        if (!isSyntaxError(text)) {
            Matcher matcher = OFFSET_MESSAGES.matcher(text);
            Matcher wrongArgs = WRONG_ARGS.matcher(text);
            String identifier = matcher.matches() ? matcher.group(1) : wrongArgs.matches() ? wrongArgs.group(1) : null;
            if (identifier != null) {
                int offset = SqlLexer.offsetOfIdentifier(sql, identifier.split("\\.")[0]);
                if (offset >= 0) {
                    return new HranaError(
                            "SQL input error: " + text + " (at offset " + offset + ")", "SQL_INPUT_ERROR");
                }
            }
        }
        return toError(e);
    }

    /** True when the exception is SQLITE_BUSY (the lock was not obtained). */
    public static boolean isBusy(SQLException e) {
        return (e.getErrorCode() & 0xff) == 5;
    }

    /** SQLite's own message, without sqlite-jdbc's {@code [CODE] generic text (...)} wrapper. */
    public static String sqliteText(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof SQLiteException sqliteException) {
            SQLiteErrorCode rc = sqliteException.getResultCode();
            String prefix = "[" + rc.name() + "] " + rc.message + " (";
            if (message.startsWith(prefix) && message.endsWith(")")) {
                return message.substring(prefix.length(), message.length() - 1);
            }
            String bare = "[" + rc.name() + "] ";
            if (message.startsWith(bare)) {
                return message.substring(bare.length());
            }
        }
        return message;
    }
}
