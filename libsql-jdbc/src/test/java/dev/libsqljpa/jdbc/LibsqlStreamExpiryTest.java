package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.ManualClock;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stream expiry and TRANSACTION_TIMEOUT against the testkit, driven by a manual clock (no sleeps). */
class LibsqlStreamExpiryTest {
    private static final ManualClock CLOCK = new ManualClock();

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod()
            .configure(builder -> builder.clock(CLOCK)
                    .idleStreamTimeout(Duration.ofSeconds(10))
                    .writeLockTimeout(Duration.ofSeconds(5)));

    private LibsqlTestServer server;
    private NonRegisteringLibsqlDriver driver;

    @BeforeEach
    void setUp(LibsqlTestServer server) throws SQLException {
        this.server = server;
        driver = new NonRegisteringLibsqlDriver();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO items VALUES (1)");
        }
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private Connection connect() throws SQLException {
        return driver.connect("jdbc:libsql:" + server.url(), new Properties());
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(2_000_000L);
        }
    }

    @Test
    void expiredReadOnlyTransactionIsReplacedTransparently() throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThat(count(c)).isEqualTo(1);
            assertThat(server.counters().openStreams()).isEqualTo(1);
            CLOCK.advance(Duration.ofSeconds(11));
            await("the server expires the idle stream", () -> server.counters().openStreams() == 0);
            assertThat(count(c)).describedAs("a new stream, a new BEGIN").isEqualTo(1);
            c.commit();
            assertThat(server.counters().openStreams()).isZero();
        }
    }

    /**
     * A CTE query whose body calls {@code replace(…)} is a query: its transaction only read, so an expired
     * stream is replaced as above. (The classifier once took it for an INSERT; the transaction then counted
     * as one that wrote and the second query failed with {@code 40000}.)
     */
    @Test
    void expiredTransactionThatRanACteQueryCallingReplaceIsReplacedTransparently() throws SQLException {
        String query =
                "WITH labelled AS (SELECT replace('item-n', 'n', id) AS label FROM items) SELECT label FROM labelled";
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThat(labels(s, query)).isEqualTo("item-1");
            assertThat(server.counters().openStreams()).isEqualTo(1);
            CLOCK.advance(Duration.ofSeconds(11));
            await("the server expires the idle stream", () -> server.counters().openStreams() == 0);
            assertThat(labels(s, query))
                    .describedAs("a new stream, a new BEGIN: nothing written was lost")
                    .isEqualTo("item-1");
            c.commit();
            assertThat(server.counters().openStreams()).isZero();
        }
    }

    private static String labels(Statement s, String query) throws SQLException {
        StringBuilder labels = new StringBuilder();
        try (ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                labels.append(labels.isEmpty() ? "" : ",").append(rs.getString(1));
            }
        }
        return labels.toString();
    }

    @Test
    void expiredTransactionThatWroteFailsAndTheConnectionRecovers() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO items VALUES (2)");
            CLOCK.advance(Duration.ofSeconds(11));
            await("the server expires the idle stream", () -> server.counters().openStreams() == 0);
            SQLTransactionRollbackException e = catchThrowableOfType(
                    SQLTransactionRollbackException.class, () -> s.executeUpdate("INSERT INTO items VALUES (3)"));
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("40000");
            assertThat(e.getMessage()).contains("server rolled back").contains("idle");
            SQLTransactionRollbackException again = catchThrowableOfType(
                    SQLTransactionRollbackException.class, () -> s.executeUpdate("INSERT INTO items VALUES (4)"));
            assertThat(again.getMessage()).describedAs("no silent continuation").contains("call rollback()");
            c.rollback();
            s.executeUpdate("INSERT INTO items VALUES (5)");
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT group_concat(id) FROM items")) {
                rs.next();
                assertThat(rs.getString(1))
                        .describedAs("the expired transaction's row is gone")
                        .isEqualTo("1,5");
            }
        }
        assertThat(server.counters().openStreams()).isZero();
    }

    @Test
    void writeLockHeldTooLongIsRolledBackWithAClearMessage() throws SQLException {
        try (Connection holder = connect();
                Connection other = connect();
                Statement holding = holder.createStatement();
                Statement waiting = other.createStatement()) {
            holder.setAutoCommit(false);
            holding.executeUpdate("INSERT INTO items VALUES (10)");
            CLOCK.advance(Duration.ofSeconds(6));
            assertThat(waiting.executeUpdate("INSERT INTO items VALUES (11)"))
                    .describedAs("the waiting writer gets the lock once the holder is rolled back")
                    .isEqualTo(1);
            SQLTransactionRollbackException e = catchThrowableOfType(
                    SQLTransactionRollbackException.class,
                    () -> holding.executeUpdate("INSERT INTO items VALUES (12)"));
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("40000");
            assertThat(e.getMessage()).contains("rolled back").contains("write lock");
            holder.rollback();
            holding.executeUpdate("INSERT INTO items VALUES (13)");
            holder.commit();
            holder.setAutoCommit(true);
            try (ResultSet rs =
                    holding.executeQuery("SELECT group_concat(id) FROM (SELECT id FROM items ORDER BY id)")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1,11,13");
            }
        }
        assertThat(server.counters().openStreams()).isZero();
    }
}
