package dev.libsqljpa.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLITE_BUSY inside a DEFERRED transaction, two connections on the testkit. After the transaction
 * has run a statement (it holds a read snapshot) BUSY is a serialization failure: 40001, the
 * transaction is aborted, and only a retry of the whole transaction succeeds. On the first statement
 * (nothing read yet) BUSY stays transient and that statement may simply be run again.
 */
class BusyAfterReadTest {
    private LibsqlTestServer server;
    private NonRegisteringLibsqlDriver driver;

    @BeforeEach
    void start() throws SQLException {
        server = LibsqlTestServer.builder()
                .port(0)
                .maxLockWait(Duration.ofMillis(200))
                .start();
        driver = new NonRegisteringLibsqlDriver();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
            s.executeUpdate("INSERT INTO acct VALUES (1, 0)");
        }
    }

    @AfterEach
    void stop() {
        driver.close();
        server.stop();
    }

    private Connection connect() throws SQLException {
        return driver.connect("jdbc:libsql:" + server.url(), new Properties());
    }

    private static long read(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n FROM acct WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static int write(Connection c, long n) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE acct SET n = " + n + " WHERE id = 1");
        }
    }

    @Test
    void busyAfterAReadIs40001AndOnlyAWholeTransactionRetrySucceeds() throws SQLException {
        try (Connection a = connect();
                Connection b = connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            long seenByA = read(a);
            long seenByB = read(b);
            assertThat(write(b, seenByB + 1)).isEqualTo(1); // b holds the write lock
            SQLTransactionRollbackException busy =
                    catchThrowableOfType(SQLTransactionRollbackException.class, () -> write(a, seenByA + 1));
            assertThat((Object) busy)
                    .describedAs("a's write after its read loses the race")
                    .isNotNull();
            assertThat(busy.getSQLState()).isEqualTo("40001");
            assertThat(busy.getErrorCode()).describedAs("SQLITE_BUSY").isEqualTo(5);
            assertThat(busy.getMessage()).contains("retry the whole transaction", "IMMEDIATE");
            SQLTransactionRollbackException aborted =
                    catchThrowableOfType(SQLTransactionRollbackException.class, () -> read(a));
            assertThat((Object) aborted)
                    .describedAs("the aborted transaction refuses more statements")
                    .isNotNull();
            assertThat(aborted.getSQLState()).isEqualTo("40000");
            a.rollback();
            b.commit();
            long retried = read(a);
            assertThat(retried).describedAs("the retry sees b's commit").isEqualTo(1);
            assertThat(write(a, retried + 1)).isEqualTo(1);
            a.commit();
            assertThat(read(b)).describedAs("both increments, none lost").isEqualTo(2);
        }
    }

    @Test
    void busyOnTheFirstStatementStaysTransientAndTheStatementCanRunAgain() throws SQLException {
        try (Connection a = connect();
                Connection b = connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(write(b, 1)).isEqualTo(1); // b holds the write lock
            SQLTransientException busy = catchThrowableOfType(SQLTransientException.class, () -> {
                try (Statement s = a.createStatement()) {
                    s.executeUpdate("UPDATE acct SET n = n + 10 WHERE id = 1");
                }
            });
            assertThat((Object) busy)
                    .describedAs("a's first statement waits, then fails")
                    .isNotNull();
            assertThat(busy.getSQLState()).isEqualTo("HY000");
            assertThat(busy.getErrorCode()).isEqualTo(5);
            b.commit();
            try (Statement s = a.createStatement()) {
                assertThat(s.executeUpdate("UPDATE acct SET n = n + 10 WHERE id = 1"))
                        .isEqualTo(1);
            }
            a.commit();
            assertThat(read(b)).isEqualTo(11);
        }
    }

    @Test
    void immediateTransactionsWaitInsteadOfFailing() throws SQLException {
        Properties immediate = new Properties();
        immediate.setProperty("transactionMode", "IMMEDIATE");
        try (Connection a = driver.connect("jdbc:libsql:" + server.url(), immediate);
                Connection b = driver.connect("jdbc:libsql:" + server.url(), immediate)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            long seenByB = read(b); // BEGIN IMMEDIATE: b holds the write lock from its read on
            SQLTransientException waited = catchThrowableOfType(SQLTransientException.class, () -> read(a));
            assertThat((Object) waited)
                    .describedAs("a's BEGIN IMMEDIATE waits for the lock, then fails before reading anything")
                    .isNotNull();
            assertThat(waited.getErrorCode()).isEqualTo(5);
            assertThat(write(b, seenByB + 1)).isEqualTo(1);
            b.commit();
            long seenByA = read(a);
            assertThat(write(a, seenByA + 1)).isEqualTo(1);
            a.commit();
            assertThat(read(b)).isEqualTo(2);
        }
    }
}
