package dev.libsqljpa.hibernate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import org.hibernate.JDBCException;
import org.hibernate.PessimisticLockException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.junit.jupiter.api.Test;

/** The driver-message parsing behind constraint, lock and rollback mapping (no server needed). */
class LibsqlSqlExceptionsTest {

    private static final LibsqlSqlExceptions.RollbackFactory ROLLBACK = RolledBack::new;

    static final class RolledBack extends JDBCException {
        RolledBack(String message, SQLException cause, String sql) {
            super(message, cause, sql);
        }
    }

    private static ConstraintKind kind(String name) {
        try {
            return ConstraintKind.valueOf(name);
        } catch (IllegalArgumentException notOnThisLine) {
            return ConstraintKind.OTHER;
        }
    }

    private static JDBCException convert(SQLException e) {
        return LibsqlSqlExceptions.convert(e, "msg", "sql", ROLLBACK);
    }

    @Test
    void uniqueViolationFromTheLibsqlDriver() {
        JDBCException converted = convert(new SQLIntegrityConstraintViolationException(
                "Statement failed (SQLITE_CONSTRAINT): SQLite error: UNIQUE constraint failed: post.slug",
                "23505",
                19));
        assertThat(converted).isInstanceOf(ConstraintViolationException.class);
        assertThat(((ConstraintViolationException) converted).getKind()).isEqualTo(ConstraintKind.UNIQUE);
        assertThat(((ConstraintViolationException) converted).getConstraintName())
                .isEqualTo("post.slug");
    }

    @Test
    void kindsComeFromTheSqlStateOrElseTheText() {
        assertThat(kindOf(new SQLException("x: NOT NULL constraint failed: author.name", "23502", 19)))
                .isEqualTo(kind("NOT_NULL"));
        assertThat(kindOf(new SQLException("x: FOREIGN KEY constraint failed", "23503", 19)))
                .isEqualTo(kind("FOREIGN_KEY"));
        assertThat(kindOf(new SQLException("x: CHECK constraint failed: positive_price", "23514", 19)))
                .isEqualTo(kind("CHECK"));
        assertThat(kindOf(new SQLException(
                        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed "
                                + "(UNIQUE constraint failed: note.text)",
                        null,
                        19)))
                .isEqualTo(ConstraintKind.UNIQUE);
        assertThat(kindOf(new SQLException("x: FOREIGN KEY constraint failed (19)", null, 0)))
                .isEqualTo(kind("FOREIGN_KEY"));
    }

    @Test
    void namesAreTheTextAfterConstraintFailed() {
        assertThat(LibsqlSqlExceptions.constraintName("SQLite error: UNIQUE constraint failed: post.slug"))
                .isEqualTo("post.slug");
        assertThat(LibsqlSqlExceptions.constraintName("UNIQUE constraint failed: t.a, t.b (19)"))
                .isEqualTo("t.a, t.b");
        assertThat(LibsqlSqlExceptions.constraintName(
                        "A UNIQUE constraint failed (UNIQUE constraint failed: note.text)"))
                .isEqualTo("note.text");
        assertThat(LibsqlSqlExceptions.constraintName("CHECK constraint failed: length(name) > 0"))
                .isEqualTo("length(name) > 0");
        assertThat(LibsqlSqlExceptions.constraintName("FOREIGN KEY constraint failed"))
                .isNull();
    }

    @Test
    void aBatchFailureIsMappedThroughItsChainedCause() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", 0, new int[0]);
        batch.setNextException(new SQLException("SQLite error: UNIQUE constraint failed: tag.id", "23505", 19));
        JDBCException converted = convert(batch);
        assertThat(converted).isInstanceOf(ConstraintViolationException.class);
        assertThat(((ConstraintViolationException) converted).getConstraintName())
                .isEqualTo("tag.id");
    }

    @Test
    void busyAndLockedAreLockErrorsAndServerRollbackIsARollback() {
        assertThat(convert(new SQLException("database is locked", "HY000", 5)))
                .isInstanceOf(PessimisticLockException.class);
        assertThat(convert(new SQLException("table is locked", "HY000", 6)))
                .isInstanceOf(PessimisticLockException.class);
        assertThat(convert(new SQLTransactionRollbackException("database is locked (after a read)", "40001", 5)))
                .describedAs("SQLITE_BUSY after a read is still a lock conflict")
                .isInstanceOf(PessimisticLockException.class);
        assertThat(convert(new SQLTransactionRollbackException(
                        "server rolled back: write lock held too long", "40000", 0)))
                .isInstanceOf(RolledBack.class);
        assertThat(convert(new SQLException("no such table: x", "42S02", 1))).isNull();
    }

    private static ConstraintKind kindOf(SQLException e) {
        return ((ConstraintViolationException) convert(e)).getKind();
    }
}
