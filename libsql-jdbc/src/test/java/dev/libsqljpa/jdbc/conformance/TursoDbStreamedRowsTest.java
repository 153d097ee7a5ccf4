package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.libsqljpa.jdbc.BlockedReader;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On tursodb (only {@code /v2/pipeline}: one JSON document per answer) a query with a fetch size hands
 * its rows to the result set while the answer arrives: the rows are exactly the query's, the shared
 * server stays reserved for the reading connection until the rows are read or the result set is closed,
 * and a body that is cut short or stalls fails {@code next()} after the rows that arrived.
 */
class TursoDbStreamedRowsTest {

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perClass();

    private static final int ROWS = 50_000;
    /** Five columns of a generated series: integer, integer, text, real, blob. */
    private static final String SERIES =
            "SELECT value, value * 2, 'row ' || value, value * 0.5, x'00ff'" + " FROM generate_series(1, " + ROWS + ")";

    private static final Duration NO_HANG = Duration.ofSeconds(15);

    private NonRegisteringLibsqlDriver driver;
    private Properties properties;

    @BeforeEach
    void driver() {
        driver = new NonRegisteringLibsqlDriver();
        properties = new Properties();
        properties.setProperty("sharedConnectionLockTimeout", "1");
        properties.setProperty("requestTimeout", "3");
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private Connection connect(TursoDbServer server) throws SQLException {
        return driver.connect("jdbc:libsql:" + server.url(), properties);
    }

    /** Reads the series and checks every value; returns the number of rows. */
    private static long readSeries(ResultSet rs, long from) throws SQLException {
        long expected = from;
        while (rs.next()) {
            assertThat(rs.getLong(1)).isEqualTo(expected);
            assertThat(rs.getLong(2)).isEqualTo(expected * 2);
            assertThat(rs.getString(3)).isEqualTo("row " + expected);
            assertThat(rs.getDouble(4)).isEqualTo(expected * 0.5);
            assertThat(rs.getBytes(5)).containsExactly(0x00, 0xff);
            expected++;
        }
        return expected - from;
    }

    @Test
    void theStreamedRowsAreExactlyTheSeriesAndTheNextStatementRuns(TursoDbServer server) throws SQLException {
        try (Connection c = connect(server);
                Statement s = c.createStatement()) {
            s.setFetchSize(100);
            try (ResultSet rs = s.executeQuery(SERIES)) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(5);
                assertThat(readSeries(rs, 1)).isEqualTo(ROWS);
            }
            try (ResultSet rs = s.executeQuery("SELECT 42")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void anotherConnectionWaitsForTheStreamedRowsAndGetsAClearErrorAfterTheLockTimeout(TursoDbServer server)
            throws SQLException {
        try (Connection a = connect(server);
                Connection b = connect(server);
                Statement s = a.createStatement()) {
            s.setFetchSize(100);
            try (ResultSet rs = s.executeQuery(SERIES)) {
                assertThat(rs.next()).isTrue();
                SQLTransientException blocked = catchThrowableOfType(SQLTransientException.class, () -> {
                    try (Statement other = b.createStatement()) {
                        other.executeQuery("SELECT 1");
                    }
                });
                assertThat((Object) blocked).isNotNull();
                assertThat(blocked.getMessage()).contains("sharedConnectionLockTimeout");
                assertThat(readSeries(rs, 2)).isEqualTo(ROWS - 1);
            }
            try (Statement other = b.createStatement();
                    ResultSet rs = other.executeQuery("SELECT 1")) {
                assertThat(rs.next())
                        .describedAs("the lock is released after the last row")
                        .isTrue();
            }
        }
    }

    @Test
    void closingBeforeTheEndAbortsTheAnswerAndBothConnectionsGoOn(TursoDbServer server) throws SQLException {
        try (Connection a = connect(server);
                Connection b = connect(server);
                Statement s = a.createStatement()) {
            s.setFetchSize(100);
            ResultSet rs = s.executeQuery(SERIES);
            for (int i = 1; i <= 10; i++) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(i);
            }
            rs.close();
            try (ResultSet again = s.executeQuery("SELECT count(*) FROM generate_series(1, 7)")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getInt(1)).isEqualTo(7);
            }
            try (Statement other = b.createStatement();
                    ResultSet again = other.executeQuery("SELECT 2")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void anotherStatementOfTheSameConnectionRunsAndTheRowsStillArrive(TursoDbServer server) throws SQLException {
        try (Connection c = connect(server);
                Statement reader = c.createStatement();
                Statement other = c.createStatement()) {
            reader.setFetchSize(100);
            try (ResultSet rs = reader.executeQuery(SERIES)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
                try (ResultSet count = other.executeQuery("SELECT 3")) {
                    assertThat(count.next()).isTrue();
                    assertThat(count.getInt(1)).isEqualTo(3);
                }
                assertThat(readSeries(rs, 2)).isEqualTo(ROWS - 1);
            }
        }
    }

    @Test
    void inATransactionTheGuardStepComesFirstAndTheRowsIncludeUncommittedOnes(TursoDbServer server)
            throws SQLException {
        try (Connection c = connect(server);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS streamed_tx (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("DELETE FROM streamed_tx");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO streamed_tx SELECT value, 'n' || value FROM generate_series(1, 3000)");
            s.setFetchSize(50);
            long rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM streamed_tx ORDER BY id")) {
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getLong(1)).isEqualTo(rows);
                    assertThat(rs.getString(2)).isEqualTo("n" + rows);
                }
            }
            assertThat(rows).isEqualTo(3000);
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM streamed_tx")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aBodyCutShortFailsNextWithAConnectionErrorAfterCorrectRows(TursoDbServer server) throws SQLException {
        try (HttpFaultProxy proxy = HttpFaultProxy.start(URI.create(server.url()));
                Connection c = driver.connect("jdbc:libsql:" + proxy.uri(), properties);
                Statement s = c.createStatement()) {
            proxy.failWhen(r -> r.bodyContains("generate_series"), Fault.TRUNCATED_BODY);
            s.setFetchSize(100);
            ResultSet rs = s.executeQuery(SERIES);
            long[] read = {0};
            SQLException failure =
                    catchThrowableOfType(SQLException.class, () -> read[0] = readSeriesCounting(rs, read));
            assertThat((Object) failure).isNotNull();
            assertThat(failure.getSQLState()).isEqualTo("08006");
            assertThat(failure.getMessage()).contains("broke off");
            assertThat(read[0])
                    .describedAs("the rows before the cut arrived, each checked value by value")
                    .isPositive()
                    .isLessThan(ROWS);
            rs.close();
            try (ResultSet again = s.executeQuery("SELECT 5")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getInt(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void aStalledBodyTimesOutAfterTheRowsThatArrivedAndTheExchangeIsAborted(TursoDbServer server) throws SQLException {
        try (HttpFaultProxy proxy = HttpFaultProxy.start(URI.create(server.url()));
                Connection c = driver.connect("jdbc:libsql:" + proxy.uri(), properties);
                Statement s = c.createStatement()) {
            proxy.failWhen(r -> r.bodyContains("generate_series"), Fault.stallAfter(200_000));
            s.setFetchSize(100);
            // Long enough for the answer's head on a loaded machine (the timeout covers it too).
            s.setQueryTimeout(3);
            ResultSet rs = s.executeQuery(SERIES);
            long[] read = {0};
            SQLException failure = assertTimeoutPreemptively(
                    NO_HANG, () -> catchThrowableOfType(SQLException.class, () -> readSeriesCounting(rs, read)));
            assertThat((Object) failure).isInstanceOf(SQLTimeoutException.class);
            assertThat(failure.getSQLState()).isEqualTo("HYT00");
            assertThat(failure.getMessage()).contains("stalled").contains("3000 ms");
            assertThat(read[0]).isPositive().isLessThan(ROWS);
            assertExchangeAborted(proxy);
            rs.close();
            try (ResultSet again = s.executeQuery("SELECT 6")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getInt(1)).isEqualTo(6);
            }
        }
    }

    @Test
    void cancelFromAnotherThreadAbortsAReadBlockedOnAStalledBodyAndTheConnectionGoesOn(TursoDbServer server)
            throws Exception {
        properties.setProperty("requestTimeout", "120"); // far beyond NO_HANG: only the cancel can end the read
        try (HttpFaultProxy proxy = HttpFaultProxy.start(URI.create(server.url()));
                Connection c = driver.connect("jdbc:libsql:" + proxy.uri(), properties);
                Statement s = c.createStatement()) {
            proxy.failWhen(r -> r.bodyContains("generate_series"), Fault.stallAfter(200_000));
            s.setFetchSize(100);
            ResultSet rs = s.executeQuery(SERIES);
            BlockedReader reader = BlockedReader.start(rs).awaitBlocked(1, NO_HANG);
            assertThat(proxy.stallsEndedByClient()).isZero();
            s.cancel();
            SQLException failure = reader.awaitFailure(NO_HANG);
            assertThat(failure.getSQLState()).isEqualTo("57014");
            assertThat(failure.getMessage()).contains("was cancelled");
            assertThat(reader.rows())
                    .describedAs("the rows before the stall arrived, each checked")
                    .isPositive()
                    .isLessThan(ROWS);
            assertExchangeAborted(proxy);
            rs.close();
            proxy.clearFaults();
            try (ResultSet again = s.executeQuery("SELECT 8")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getInt(1)).isEqualTo(8);
            }
            assertThat(c.isValid(5)).isTrue();
        }
        try (Connection other = connect(server);
                Statement s = other.createStatement();
                ResultSet rs = s.executeQuery("SELECT 9")) {
            assertThat(rs.next())
                    .describedAs("the shared-server lock was released")
                    .isTrue();
        }
    }

    /** Polls until the proxy sees the client end the stalled answer (once); fails after the no-hang bound. */
    private static void assertExchangeAborted(HttpFaultProxy proxy) {
        long deadline = System.nanoTime() + NO_HANG.toNanos();
        while (proxy.stallsEndedByClient() < 1 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L); // polling interval
        }
        assertThat(proxy.stallsEndedByClient())
                .describedAs("the driver aborted the stalled exchange")
                .isEqualTo(1);
    }

    /** Like {@link #readSeries}, counting into {@code read[0]} as it goes (for reads that fail midway). */
    private static long readSeriesCounting(ResultSet rs, long[] read) throws SQLException {
        while (rs.next()) {
            long expected = read[0] + 1;
            assertThat(rs.getLong(1)).isEqualTo(expected);
            assertThat(rs.getString(3)).isEqualTo("row " + expected);
            read[0] = expected;
        }
        return read[0];
    }
}
