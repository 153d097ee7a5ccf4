package dev.libsqljpa.jdbc.internal.sql;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import java.sql.BatchUpdateException;
import java.sql.SQLClientInfoException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.sql.SQLWarning;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where protocol outcomes become {@link SQLException}s (table in docs/jdbc.md): SQLState,
 * JDBC 4 subclass and {@link SQLException#getErrorCode()} = primary SQLite result code (0 for
 * transport and driver errors). Messages put our context first and the server's text last; they
 * never contain the auth token or a baton (the protocol layer's messages don't either).
 */
public final class SqlExceptions {
    /** tursodb appends the primary SQLite code, e.g. {@code UNIQUE constraint failed: t.id (19)}. */
    private static final Pattern TRAILING_CODE = Pattern.compile("\\((\\d{1,4})\\)\\s*$");

    private SqlExceptions() {}

    /** Maps a transport-level failure. */
    public static SQLException fromTransport(String context, HranaException e) {
        String message = context + " failed: " + e.getMessage();
        return switch (e.reason()) {
            case CONNECT -> new SQLNonTransientConnectionException(message, "08001", 0, e);
            case TIMEOUT -> new SQLTimeoutException(message, "HYT00", 0, e);
            case IO, STREAM_LOST -> new SQLNonTransientConnectionException(message, "08006", 0, e);
            case AUTH -> new SQLInvalidAuthorizationSpecException(message, "28000", 0, e);
            case RATE_LIMITED ->
                new SQLTransientException(
                        message
                                + (e.retryAfterSeconds() == null
                                        ? ""
                                        : " (server asked to retry after " + e.retryAfterSeconds() + " s)"),
                        "HY000",
                        0,
                        e);
            case STREAM_EXPIRED -> new SQLTransactionRollbackException(message, "40000", 0, e);
            case HTTP_STATUS ->
                new SQLNonTransientConnectionException(
                        message, e.httpStatus() >= 500 ? "08006" : e.httpStatus() == 404 ? "08001" : "08P01", 0, e);
            case MALFORMED_RESPONSE -> new SQLNonTransientConnectionException(message, "08P01", 0, e);
            case UNSUPPORTED -> new SQLFeatureNotSupportedException(message, "0A000", 0, e);
            case CLOSED -> new SQLNonTransientConnectionException(message, "08003", 0, e);
        };
    }

    /**
     * Maps an in-band error ({@code {message, code}}) of one statement or request: first by the Hrana
     * error code, then by the SQLite result code, then by the message text (servers differ in which of
     * the three they fill).
     */
    public static SQLException fromServer(String context, HranaError error) {
        String code = error.code() == null ? "" : error.code();
        String serverText = error.message();
        String message = context + " failed" + (code.isEmpty() ? "" : " (" + code + ")") + ": " + serverText;
        String lower = serverText.toLowerCase(Locale.ROOT);
        int primary = primaryCode(code, error.extendedCode(), serverText);
        SQLException byProtocol = byHranaCode(code, message);
        if (byProtocol != null) {
            return byProtocol;
        }
        if (primary == 19 || lower.contains("constraint failed")) {
            return constraint(message, lower);
        }
        SQLException bySqlite = bySqliteCode(primary, message);
        return bySqlite != null ? bySqlite : byMessage(code, primary, message, lower);
    }

    /** Hrana's own error codes that say what went wrong without SQLite's help; null for the others. */
    private static SQLException byHranaCode(String code, String message) {
        return switch (code) {
            case "TRANSACTION_TIMEOUT", "STREAM_EXPIRED" -> new SQLTransactionRollbackException(message, "40000", 0);
            case "ARGS_INVALID", "ARGS_BOTH_POSITIONAL_AND_NAMED", "BIND_ERROR" ->
                new SQLNonTransientException(message, "07001", 0);
            case "BLOCKED" -> new SQLNonTransientException(message, "42501", 0);
            case "TRANSACTION_BUSY" -> new SQLTransientException(message, "HY000", 0);
            case "RESPONSE_TOO_LARGE" -> new SQLNonTransientException(message, "54000", 0);
            default -> null;
        };
    }

    /** SQLite primary result codes with a SQLState of their own (constraints aside); null for the others. */
    private static SQLException bySqliteCode(int primary, String message) {
        return switch (primary) {
            case 18 -> new SQLDataException(message, "22001", 18);
            case 20 -> new SQLDataException(message, "22000", 20);
            case 25 -> new SQLDataException(message, "22023", 25);
            case 5, 6 -> new SQLTransientException(message, "HY000", primary);
            case 8 -> new SQLNonTransientException(message, "25006", 8);
            case 23 -> new SQLNonTransientException(message, "42501", 23);
            default -> null;
        };
    }

    /** Missing or duplicate objects and syntax errors, told apart by the message; HY000 otherwise. */
    private static SQLException byMessage(String code, int primary, String message, String lower) {
        boolean parse = code.equals("SQL_PARSE_ERROR")
                || code.equals("SQL_NO_STATEMENT")
                || code.equals("SQL_MANY_STATEMENTS")
                || code.equals("NO_SQL")
                || code.equals("SQL_INPUT_ERROR");
        int objectCode = primary == 0 ? 1 : primary;
        if (lower.contains("no such table") || lower.contains("no such view")) {
            return new SQLSyntaxErrorException(message, "42S02", objectCode);
        }
        if (lower.contains("no such column")) {
            return new SQLSyntaxErrorException(message, "42S22", objectCode);
        }
        if (lower.contains("already exists")) {
            return new SQLSyntaxErrorException(message, lower.contains("index") ? "42S11" : "42S01", objectCode);
        }
        if (lower.contains("duplicate column name")) {
            return new SQLSyntaxErrorException(message, "42S21", objectCode);
        }
        if (parse || lower.contains("syntax error") || code.equals("PREPARE_ERROR")) {
            return new SQLSyntaxErrorException(message, "42000", parse ? 0 : primary);
        }
        return new SQLException(message, "HY000", primary);
    }

    private static SQLException constraint(String message, String lower) {
        String state;
        if (lower.contains("unique constraint") || lower.contains("primary key constraint")) {
            state = "23505";
        } else if (lower.contains("not null constraint")) {
            state = "23502";
        } else if (lower.contains("foreign key constraint")) {
            state = "23503";
        } else if (lower.contains("check constraint")) {
            state = "23514";
        } else {
            state = "23000";
        }
        return new SQLIntegrityConstraintViolationException(message, state, 19);
    }

    /**
     * The primary SQLite result code: from {@code SQLITE_*} names (sqld), a trailing {@code (NN)}
     * (tursodb), else 0. sqld reports the generic error 1 as {@code SQLITE_UNKNOWN}.
     */
    static int primaryCode(String code, String extendedCode, String message) {
        String name = code;
        if ((name == null || name.isEmpty()) && extendedCode != null) {
            name = extendedCode;
        }
        if (name != null && name.startsWith("SQLITE_")) {
            String primaryName = name.substring("SQLITE_".length());
            int underscore = primaryName.indexOf('_');
            if (underscore > 0 && !primaryName.equals("UNKNOWN")) {
                primaryName = primaryName.substring(0, underscore);
            }
            int value = codeOf(primaryName);
            if (value >= 0) {
                return value;
            }
        }
        Matcher matcher = TRAILING_CODE.matcher(message);
        if (matcher.find()) {
            return Integer.parseInt(matcher.group(1)) & 0xff;
        }
        return 0;
    }

    private static int codeOf(String primaryName) {
        return switch (primaryName) {
            case "ERROR", "UNKNOWN" -> 1;
            case "INTERNAL" -> 2;
            case "PERM" -> 3;
            case "ABORT" -> 4;
            case "BUSY" -> 5;
            case "LOCKED" -> 6;
            case "NOMEM" -> 7;
            case "READONLY" -> 8;
            case "INTERRUPT" -> 9;
            case "IOERR" -> 10;
            case "CORRUPT" -> 11;
            case "NOTFOUND" -> 12;
            case "FULL" -> 13;
            case "CANTOPEN" -> 14;
            case "PROTOCOL" -> 15;
            case "SCHEMA" -> 17;
            case "TOOBIG" -> 18;
            case "CONSTRAINT" -> 19;
            case "MISMATCH" -> 20;
            case "MISUSE" -> 21;
            case "NOLFS" -> 22;
            case "AUTH" -> 23;
            case "RANGE" -> 25;
            case "NOTADB" -> 26;
            default -> -1;
        };
    }

    // ---------------------------------------------------------------- driver-side failures

    /** Why the server rolls back a transaction that answers {@code TRANSACTION_TIMEOUT}. */
    public static final String TRANSACTION_TIMEOUT_REASON =
            "the server rolled back the transaction because it held the "
                    + "write lock for more than the server's limit (sqld: 5 s) while another writer waited";

    public static final String BUSY_AFTER_READ_REASON = "a statement failed with SQLITE_BUSY after the transaction had"
            + " already run a statement; its snapshot is stale, so it can never write";

    /** Whether a mapped in-band error is SQLite's {@code SQLITE_BUSY} (primary code 5). */
    public static boolean isBusy(SQLException mapped) {
        return mapped instanceof SQLTransientException && mapped.getErrorCode() == 5;
    }

    /**
     * {@code 40001}: {@code SQLITE_BUSY} inside a transaction that already ran a statement (a
     * DEFERRED read-modify-write under contention). Only a retry of the whole transaction can
     * succeed; the error code stays 5. The transaction is aborted until {@code rollback()}.
     */
    public static SQLException busyAfterRead(String context, SQLException mapped) {
        return new SQLTransactionRollbackException(
                mapped.getMessage() + " (serialization failure: the transaction had already read, so waiting cannot"
                        + " help; roll back and retry the whole transaction, or begin it with"
                        + " transactionMode=IMMEDIATE)",
                "40001",
                mapped.getErrorCode(),
                mapped);
    }

    public static boolean isTransactionTimeout(HranaError error) {
        return "TRANSACTION_TIMEOUT".equals(error.code());
    }

    /** {@code 40000}: the server rolled back the transaction for holding the write lock too long. */
    public static SQLException transactionTimeout(String context, HranaError error, SQLException mapped) {
        return new SQLTransactionRollbackException(
                context + " failed: " + TRANSACTION_TIMEOUT_REASON + "; roll back and retry the transaction. Server: "
                        + error.message(),
                "40000",
                0,
                mapped);
    }

    /** {@code 08P01}: the server's answer does not follow the protocol; the connection is broken. */
    public static SQLException protocolViolation(String message) {
        return new SQLNonTransientConnectionException(message, "08P01");
    }

    /** {@code 08006}: a call on a connection an earlier failure left in an unknown state. */
    public static SQLException broken(SQLException cause) {
        return new SQLNonTransientConnectionException(
                "the connection is broken by an earlier failure and " + "must be closed: " + cause.getMessage(),
                "08006",
                cause);
    }

    /**
     * {@code HYT00} for an autocommit request to a minimal server (tursodb) that timed out: what the
     * request did is unknown, but the server holds nothing for the connection, which stays usable.
     */
    public static SQLException timedOutOnStatelessServer(String context, HranaException e, boolean mayWrite) {
        String outcome = mayWrite
                ? "; outcome unknown: the server may or may not have applied it (all of it or none of it),"
                        + " so check before running it again"
                : "; it only reads, so nothing was changed";
        return new SQLTimeoutException(
                context + " failed: " + e.getMessage() + outcome
                        + ". The connection remains usable: the server holds no state for it",
                "HYT00",
                0,
                e);
    }

    /** {@code 57014}: {@code Statement.cancel()} interrupted the request. */
    public static SQLException cancelled(String context, HranaException e) {
        return new SQLTimeoutException(context + " was cancelled: " + e.getMessage(), "57014", 0, e);
    }

    /** {@code 40000}: the server rolled the transaction back (stream expired or lost) after it wrote. */
    public static SQLException serverRolledBack(String context, String why, Throwable cause) {
        return new SQLTransactionRollbackException(
                context + " failed: the server rolled back the transaction: " + why
                        + "; its writes were discarded. Roll back and retry the transaction.",
                "40000",
                0,
                cause);
    }

    /** {@code 40000}: the transaction is aborted; every call but {@code rollback()} fails. */
    public static SQLException transactionAborted(String reason) {
        return transactionAborted(reason, null);
    }

    /**
     * {@code 40000}: the transaction is aborted; every call but {@code rollback()} fails. {@code cause}: the
     * failure that aborted it (or null), so its server answer shows even where the first error was swallowed.
     */
    public static SQLException transactionAborted(String reason, Throwable cause) {
        return new SQLTransactionRollbackException(
                "the transaction cannot continue: " + reason + "; call rollback() to start a new one",
                "40000",
                0,
                cause);
    }

    /**
     * {@code 08007}: the commit may or may not have been applied (the request may have reached the
     * server, and no answer came back). The transaction is aborted until {@code rollback()}.
     */
    public static SQLException commitOutcomeUnknown(SQLException cause) {
        return new SQLNonTransientConnectionException(
                "commit failed and its outcome is unknown (transaction "
                        + "resolution unknown): the request may have reached the server, which may or may not have "
                        + "committed; check the data before retrying. Call rollback() to continue on this connection. "
                        + "Cause: " + cause.getMessage(),
                "08007",
                0,
                cause);
    }

    /**
     * The commit never reached the server (nothing was sent, nothing was committed); the
     * transaction is aborted until {@code rollback()}.
     */
    public static SQLException commitNotSent(SQLException cause) {
        return rewrap(
                cause,
                cause.getMessage() + "; nothing was sent and nothing was committed: the transaction"
                        + " is aborted, call rollback() and redo the work");
    }

    /** A failed commit whose request never arrived but whose stream the server ended (401/429 with a baton). */
    public static SQLException commitLostTransaction(SQLException cause) {
        return new SQLTransactionRollbackException(
                "commit failed: the server refused the request and ended the "
                        + "stream, which rolls back the transaction; nothing was committed. Cause: "
                        + cause.getMessage(),
                "40000",
                0,
                cause);
    }

    /** {@code 25000}: commit/rollback/savepoints in autocommit mode. */
    public static SQLException invalidTransactionState(String message) {
        return new SQLException(message, "25000");
    }

    /** A warning (SQLState {@code 01000}) for the connection's warning chain. */
    public static SQLWarning warning(String message, Throwable cause) {
        return new SQLWarning(message, "01000", cause);
    }

    private static SQLException rewrap(SQLException e, String message) {
        SQLException copy;
        if (e instanceof SQLNonTransientConnectionException) {
            copy = new SQLNonTransientConnectionException(message, e.getSQLState(), e.getErrorCode(), e);
        } else if (e instanceof SQLTransientException) {
            copy = new SQLTransientException(message, e.getSQLState(), e.getErrorCode(), e);
        } else if (e instanceof SQLInvalidAuthorizationSpecException) {
            copy = new SQLInvalidAuthorizationSpecException(message, e.getSQLState(), e.getErrorCode(), e);
        } else if (e instanceof SQLTimeoutException) {
            copy = new SQLTimeoutException(message, e.getSQLState(), e.getErrorCode(), e);
        } else {
            copy = new SQLException(message, e.getSQLState(), e.getErrorCode(), e);
        }
        return copy;
    }

    /** {@code 08003}: the connection is closed. */
    public static SQLException connectionClosed() {
        return new SQLNonTransientConnectionException("the connection is closed", "08003");
    }

    /** {@code 55000}: a statement or result set is closed. */
    public static SQLException objectClosed(String what) {
        return new SQLNonTransientException("the " + what + " is closed", "55000");
    }

    /** {@code 0A000}: an unsupported JDBC method, naming class and method. */
    public static SQLFeatureNotSupportedException notSupported(Class<?> type, String method) {
        return new SQLFeatureNotSupportedException(
                type.getSimpleName() + "." + method + " is not supported by the libSQL driver", "0A000");
    }

    /** {@code 0A000}: a value or type the driver cannot carry, with the reason. */
    public static SQLFeatureNotSupportedException notSupported(String message) {
        return new SQLFeatureNotSupportedException(message, "0A000");
    }

    /** {@code 22xxx} data exception raised by the driver itself. */
    public static SQLDataException data(String message, String sqlState, Throwable cause) {
        return new SQLDataException(message, sqlState, 0, cause);
    }

    // ------------------------------------------------------------------ the driver's own checks
    // Argument and usage errors found by the driver before anything is sent, by SQLState.

    /** {@code 07009}: a parameter or column index outside its range. */
    public static SQLException badIndex(String message) {
        return new SQLException(message, "07009");
    }

    /** {@code HY092}: an option or setting the method does not accept (e.g. a negative limit). */
    public static SQLException badOption(String message) {
        return new SQLException(message, "HY092");
    }

    /** {@code HY024}: an attribute value that is not valid here (unknown property, wrong savepoint kind). */
    public static SQLException badValue(String message) {
        return new SQLException(message, "HY024");
    }

    /** {@code HY009}: a null argument where a value is required. */
    public static SQLException nullArgument(String message) {
        return new SQLException(message, "HY009");
    }

    /** {@code 02000}: a query method on a statement that produced no rows. */
    public static SQLException noData(String message) {
        return new SQLException(message, "02000");
    }

    /** {@code 07001}: a statement executed with a parameter left unset. */
    public static SQLException parameterNotSet(String message) {
        return new SQLException(message, "07001");
    }

    /** {@code HY106}: a fetch direction a forward-only result does not support. */
    public static SQLException badFetchDirection(String message) {
        return new SQLException(message, "HY106");
    }

    /** {@code 24000}: a result-set method called where the cursor has no row. */
    public static SQLException cursorState(String message) {
        return new SQLException(message, "24000");
    }

    /** {@code 42S22}: a column label the result set does not have. */
    public static SQLException columnNotFound(String message) {
        return new SQLException(message, "42S22");
    }

    /** {@code 3B001}: a savepoint that is not (or no longer) in the transaction. */
    public static SQLException noSuchSavepoint(String message) {
        return new SQLException(message, "3B001");
    }

    /** {@code HY000}: a misuse or an anomaly with no more specific SQLState. */
    public static SQLException general(String message) {
        return new SQLException(message, "HY000");
    }

    /** {@code HY000} with the cause (e.g. reading a parameter stream failed). */
    public static SQLException general(String message, Throwable cause) {
        return new SQLException(message, "HY000", cause);
    }

    /** {@code 08001}: no connection can be made with these settings (URL, properties). */
    public static SQLNonTransientConnectionException cannotConnect(String message) {
        return new SQLNonTransientConnectionException(message, "08001");
    }

    /** {@code 08001} with its cause. */
    public static SQLNonTransientConnectionException cannotConnect(String message, Throwable cause) {
        return new SQLNonTransientConnectionException(message, "08001", cause);
    }

    /** {@code HY008}: the thread was interrupted while it waited; the interrupt flag is set again by the caller. */
    public static SQLTransientException interrupted(String message, InterruptedException cause) {
        return new SQLTransientException(message, "HY008", cause);
    }

    /** {@code HY000}, transient: the same call may succeed later (e.g. a lock wait that timed out). */
    public static SQLTransientException transientFailure(String message) {
        return new SQLTransientException(message, "HY000");
    }

    /** {@code 08003}: client info set on a closed connection (JDBC requires this exception type). */
    public static SQLClientInfoException clientInfoOnClosedConnection() {
        return new SQLClientInfoException("the connection is closed", "08003", 0, Map.of());
    }

    /**
     * A failed {@code executeBatch}: the statement's own exception as cause, with its SQLState and error
     * code, and the update counts of the statements that were applied.
     */
    public static BatchUpdateException batchFailed(String message, long[] applied, SQLException cause) {
        return new BatchUpdateException(message, cause.getSQLState(), cause.getErrorCode(), applied, cause);
    }

    /** {@code Wrapper.unwrap} for the driver's objects, which wrap nothing: {@code self} if it is an {@code iface}. */
    public static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface != null && iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw general(self.getClass().getSimpleName() + " does not wrap " + (iface == null ? "null" : iface.getName()));
    }
}
