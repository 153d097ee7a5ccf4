package dev.libsqljpa.hibernate.internal;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hibernate.JDBCException;
import org.hibernate.PessimisticLockException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.hibernate.exception.DataException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.spi.SQLExceptionConversionDelegate;
import org.hibernate.exception.spi.ViolatedConstraintNameExtractor;

/**
 * Turns the libSQL driver's {@link SQLException}s into Hibernate's exceptions.
 *
 * <p>The driver reports the primary SQLite result code in {@code getErrorCode()} (19 for constraints),
 * an SQLState ({@code 23505} unique, {@code 23502} not null, {@code 23503} foreign key, {@code 23514}
 * check, {@code 40000} transaction rolled back by the server) and puts the server's text last in the
 * message, e.g. {@code ... SQLite error: UNIQUE constraint failed: post.slug}. The kind is taken from
 * the SQLState and, failing that, from that text (so other SQLite drivers work too); the name is the
 * text after {@code constraint failed: }.
 */
public final class LibsqlSqlExceptions {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_PROTOCOL = 15;
    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_NOTADB = 26;

    private static final String CONSTRAINT_FAILED = "constraint failed: ";
    private static final Pattern TRAILING_CODE = Pattern.compile("\\s*\\(\\d+\\)$");

    // ConstraintKind has UNIQUE and OTHER only on Hibernate 6.6; 7.x adds NOT_NULL, FOREIGN_KEY, CHECK.
    private static final ConstraintKind NOT_NULL = kind("NOT_NULL");
    private static final ConstraintKind FOREIGN_KEY = kind("FOREIGN_KEY");
    private static final ConstraintKind CHECK = kind("CHECK");

    private LibsqlSqlExceptions() {}

    /** Raised when the server rolled the transaction back (SQLState 40000/40001). */
    public interface RollbackFactory {
        JDBCException create(String message, SQLException cause, String sql);
    }

    public static SQLExceptionConversionDelegate conversionDelegate(RollbackFactory rolledBack) {
        return (sqlException, message, sql) -> convert(sqlException, message, sql, rolledBack);
    }

    public static ViolatedConstraintNameExtractor nameExtractor() {
        return sqlException -> {
            SQLException constraint = findConstraintViolation(sqlException);
            return constraint == null ? null : constraintName(constraint.getMessage());
        };
    }

    static JDBCException convert(SQLException sqlException, String message, String sql, RollbackFactory rolledBack) {
        SQLException constraint = findConstraintViolation(sqlException);
        if (constraint != null) {
            return new ConstraintViolationException(
                    message, sqlException, sql, constraintKind(constraint), constraintName(constraint.getMessage()));
        }
        String sqlState = sqlException.getSQLState();
        int code = sqlException.getErrorCode() & 0xFF;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            // Not LockAcquisitionException: Hibernate 6.6 turns that into a JPA OptimisticLockException.
            // Also BUSY after a read (40001 from the driver): a lock conflict, retried as a whole.
            return new PessimisticLockException(message, sqlException, sql);
        }
        if ("40000".equals(sqlState) || "40001".equals(sqlState)) {
            return rolledBack.create(message, sqlException, sql);
        }
        if (code == SQLITE_TOOBIG || code == SQLITE_MISMATCH) {
            return new DataException(message, sqlException, sql);
        }
        if (code == SQLITE_NOTADB || (code >= SQLITE_IOERR && code <= SQLITE_PROTOCOL)) {
            return new JDBCConnectionException(message, sqlException, sql);
        }
        return null;
    }

    /** The exception itself, or the first chained one, that reports a constraint violation. */
    static SQLException findConstraintViolation(SQLException sqlException) {
        SQLException current = sqlException;
        for (int depth = 0; current != null && depth < 8; depth++) {
            String sqlState = current.getSQLState();
            String text =
                    current.getMessage() == null ? "" : current.getMessage().toLowerCase(Locale.ROOT);
            if ((current.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT
                    || (sqlState != null && sqlState.startsWith("23"))
                    || text.contains("constraint failed")) {
                return current;
            }
            SQLException next = current.getNextException();
            if (next == null && current.getCause() instanceof SQLException cause) {
                next = cause;
            }
            current = next == current ? null : next;
        }
        return null;
    }

    static ConstraintKind constraintKind(SQLException constraint) {
        String sqlState = constraint.getSQLState() == null ? "" : constraint.getSQLState();
        ConstraintKind bySqlState = switch (sqlState) {
            case "23505" -> ConstraintKind.UNIQUE;
            case "23502" -> NOT_NULL;
            case "23503" -> FOREIGN_KEY;
            case "23514" -> CHECK;
            default -> null;
        };
        if (bySqlState != null) {
            return bySqlState;
        }
        String text =
                constraint.getMessage() == null ? "" : constraint.getMessage().toUpperCase(Locale.ROOT);
        if (text.contains("UNIQUE CONSTRAINT FAILED") || text.contains("PRIMARY KEY CONSTRAINT FAILED")) {
            return ConstraintKind.UNIQUE;
        }
        if (text.contains("NOT NULL CONSTRAINT FAILED")) {
            return NOT_NULL;
        }
        if (text.contains("FOREIGN KEY CONSTRAINT FAILED")) {
            return FOREIGN_KEY;
        }
        if (text.contains("CHECK CONSTRAINT FAILED")) {
            return CHECK;
        }
        return ConstraintKind.OTHER;
    }

    /**
     * The text after the last {@code constraint failed: } up to the end of that line: {@code table.column}
     * (comma-separated for several) for UNIQUE and NOT NULL, the constraint name or expression for CHECK.
     * SQLite names nothing for FOREIGN KEY: {@code null}.
     */
    static String constraintName(String message) {
        if (message == null) {
            return null;
        }
        int at = message.toLowerCase(Locale.ROOT).lastIndexOf(CONSTRAINT_FAILED);
        if (at < 0) {
            return null;
        }
        String rest = message.substring(at + CONSTRAINT_FAILED.length());
        int newline = rest.indexOf('\n');
        if (newline >= 0) {
            rest = rest.substring(0, newline);
        }
        rest = rest.trim();
        // sqlite-jdbc wraps the server text in parentheses: "... failed (UNIQUE constraint failed: t.c)".
        while (rest.endsWith(")") && count(rest, ')') > count(rest, '(')) {
            rest = rest.substring(0, rest.length() - 1).trim();
        }
        // tursodb appends the primary result code: "UNIQUE constraint failed: t.c (19)".
        rest = TRAILING_CODE.matcher(rest).replaceFirst("");
        return rest.isEmpty() ? null : rest;
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static ConstraintKind kind(String name) {
        try {
            return ConstraintKind.valueOf(name);
        } catch (IllegalArgumentException notOnThisLine) {
            return ConstraintKind.OTHER;
        }
    }
}
