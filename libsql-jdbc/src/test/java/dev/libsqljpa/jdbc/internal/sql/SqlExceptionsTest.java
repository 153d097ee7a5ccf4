package dev.libsqljpa.jdbc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import java.sql.Connection;
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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per entry of the error table in docs/jdbc.md (plus tursodb's spelling of the same errors). */
class SqlExceptionsTest {

    static Stream<Arguments> serverErrors() {
        return Stream.of(
                // code, message, SQLState, subclass, error code
                Arguments.of(
                        "SQLITE_CONSTRAINT",
                        "SQLite error: UNIQUE constraint failed: users.email",
                        "23505",
                        SQLIntegrityConstraintViolationException.class,
                        19),
                Arguments.of(
                        "SQLITE_CONSTRAINT",
                        "SQLite error: NOT NULL constraint failed: users.name",
                        "23502",
                        SQLIntegrityConstraintViolationException.class,
                        19),
                Arguments.of(
                        "SQLITE_CONSTRAINT",
                        "SQLite error: FOREIGN KEY constraint failed",
                        "23503",
                        SQLIntegrityConstraintViolationException.class,
                        19),
                Arguments.of(
                        "SQLITE_CONSTRAINT",
                        "SQLite error: CHECK constraint failed: age_positive",
                        "23514",
                        SQLIntegrityConstraintViolationException.class,
                        19),
                Arguments.of(
                        "SQLITE_CONSTRAINT",
                        "SQLite error: constraint failed",
                        "23000",
                        SQLIntegrityConstraintViolationException.class,
                        19),
                Arguments.of(
                        "EXECUTE_ERROR",
                        "Runtime error: UNIQUE constraint failed: t.id (19)",
                        "23505",
                        SQLIntegrityConstraintViolationException.class,
                        19),
                Arguments.of(
                        "BATCH_STEP_ERROR",
                        "Runtime error: NOT NULL constraint failed: t.v (19)",
                        "23502",
                        SQLIntegrityConstraintViolationException.class,
                        19),
                Arguments.of(
                        "SQL_PARSE_ERROR",
                        "SQL string could not be parsed: near \"SELEC\": syntax error",
                        "42000",
                        SQLSyntaxErrorException.class,
                        0),
                Arguments.of(
                        "PREPARE_ERROR",
                        "Parse error: near \"SELEC\": syntax error",
                        "42000",
                        SQLSyntaxErrorException.class,
                        0),
                Arguments.of(
                        "SQLITE_UNKNOWN",
                        "SQLite error: no such table: missing",
                        "42S02",
                        SQLSyntaxErrorException.class,
                        1),
                Arguments.of(
                        "PREPARE_ERROR",
                        "Parse error: no such table: missing",
                        "42S02",
                        SQLSyntaxErrorException.class,
                        1),
                Arguments.of(
                        "ARGS_INVALID",
                        "Invalid arguments: expected 2, got 1",
                        "07001",
                        SQLNonTransientException.class,
                        0),
                Arguments.of(
                        "SQLITE_TOOBIG", "SQLite error: string or blob too big", "22001", SQLDataException.class, 18),
                Arguments.of("SQLITE_MISMATCH", "SQLite error: datatype mismatch", "22000", SQLDataException.class, 20),
                Arguments.of(
                        "SQLITE_RANGE", "SQLite error: column index out of range", "22023", SQLDataException.class, 25),
                Arguments.of(
                        "SQLITE_BUSY", "SQLite error: database is locked", "HY000", SQLTransientException.class, 5),
                Arguments.of(
                        "SQLITE_LOCKED",
                        "SQLite error: database table is locked",
                        "HY000",
                        SQLTransientException.class,
                        6),
                Arguments.of(
                        "TRANSACTION_TIMEOUT",
                        "Transaction timed out",
                        "40000",
                        SQLTransactionRollbackException.class,
                        0),
                Arguments.of(
                        "SQLITE_READONLY",
                        "SQLite error: attempt to write a readonly database",
                        "25006",
                        SQLNonTransientException.class,
                        8),
                Arguments.of(
                        "SQLITE_AUTH", "SQLite error: not authorized", "42501", SQLNonTransientException.class, 23),
                Arguments.of(
                        "BLOCKED", "Operation was blocked: quota exceeded", "42501", SQLNonTransientException.class, 0),
                Arguments.of("SOMETHING_NEW", "a brand new failure", "HY000", SQLException.class, 0),
                Arguments.of("SQLITE_IOERR", "SQLite error: disk I/O error", "HY000", SQLException.class, 10));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("serverErrors")
    void serverErrorsMapPerTheTable(
            String code, String message, String sqlState, Class<? extends SQLException> type, int errorCode) {
        SQLException e = SqlExceptions.fromServer("execute", new HranaError(message, code));
        assertThat((Object) e).isExactlyInstanceOf(type);
        assertThat(e.getSQLState()).isEqualTo(sqlState);
        assertThat(e.getErrorCode()).isEqualTo(errorCode);
        assertThat(e.getMessage()).startsWith("execute failed").endsWith(message);
    }

    static Stream<Arguments> transportErrors() {
        return Stream.of(
                Arguments.of(HranaException.Reason.CONNECT, 0, "08001", SQLNonTransientConnectionException.class),
                Arguments.of(HranaException.Reason.IO, 0, "08006", SQLNonTransientConnectionException.class),
                Arguments.of(HranaException.Reason.STREAM_LOST, 400, "08006", SQLNonTransientConnectionException.class),
                Arguments.of(HranaException.Reason.HTTP_STATUS, 500, "08006", SQLNonTransientConnectionException.class),
                Arguments.of(HranaException.Reason.HTTP_STATUS, 404, "08001", SQLNonTransientConnectionException.class),
                Arguments.of(HranaException.Reason.HTTP_STATUS, 400, "08P01", SQLNonTransientConnectionException.class),
                Arguments.of(
                        HranaException.Reason.MALFORMED_RESPONSE,
                        200,
                        "08P01",
                        SQLNonTransientConnectionException.class),
                Arguments.of(HranaException.Reason.AUTH, 401, "28000", SQLInvalidAuthorizationSpecException.class),
                Arguments.of(HranaException.Reason.TIMEOUT, 0, "HYT00", SQLTimeoutException.class),
                Arguments.of(HranaException.Reason.STREAM_EXPIRED, 400, "40000", SQLTransactionRollbackException.class),
                Arguments.of(HranaException.Reason.RATE_LIMITED, 429, "HY000", SQLTransientException.class),
                Arguments.of(HranaException.Reason.UNSUPPORTED, 0, "0A000", SQLFeatureNotSupportedException.class),
                Arguments.of(HranaException.Reason.CLOSED, 0, "08003", SQLNonTransientConnectionException.class));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportErrors")
    void transportErrorsMapPerTheTable(
            HranaException.Reason reason, int status, String sqlState, Class<? extends SQLException> type) {
        HranaException cause = new HranaException(reason, "server said no", status, null, false, null, null);
        SQLException e = SqlExceptions.fromTransport("execute", cause);
        assertThat((Object) e).isExactlyInstanceOf(type);
        assertThat(e.getSQLState()).isEqualTo(sqlState);
        assertThat(e.getErrorCode()).isZero();
        assertThat((Object) e.getCause()).isSameAs(cause);
        assertThat(e.getMessage()).isEqualTo("execute failed: server said no");
    }

    @org.junit.jupiter.api.Test
    void closedObjectsAndUnsupportedCalls() {
        SQLException closed = SqlExceptions.connectionClosed();
        assertThat((Object) closed).isInstanceOf(SQLNonTransientConnectionException.class);
        assertThat(closed.getSQLState()).isEqualTo("08003");
        SQLException statementClosed = SqlExceptions.objectClosed("statement");
        assertThat((Object) statementClosed).isInstanceOf(SQLNonTransientException.class);
        assertThat(statementClosed.getSQLState()).isEqualTo("55000");
        SQLFeatureNotSupportedException unsupported = SqlExceptions.notSupported(Connection.class, "prepareCall");
        assertThat(unsupported.getSQLState()).isEqualTo("0A000");
        assertThat(unsupported.getMessage()).contains("Connection.prepareCall");
    }

    @org.junit.jupiter.api.Test
    void primaryCodeFromExtendedNamesAndTrailingNumbers() {
        assertThat(SqlExceptions.primaryCode(null, "SQLITE_CONSTRAINT_UNIQUE", "x"))
                .isEqualTo(19);
        assertThat(SqlExceptions.primaryCode("EXECUTE_ERROR", null, "UNIQUE constraint failed: t.id (2067)"))
                .isEqualTo(19);
        assertThat(SqlExceptions.primaryCode("SQLITE_UNKNOWN", null, "x")).isEqualTo(1);
        assertThat(SqlExceptions.primaryCode("WHATEVER", null, "x")).isZero();
    }
}
