package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.ServerCounters;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The round-trip table of docs/architecture.md, counted at the server. */
@ExtendWith(LibsqlServerExtension.class)
class LibsqlRoundTripTest {
    private LibsqlTestServer server;
    private NonRegisteringLibsqlDriver driver;
    private Connection c;

    @BeforeEach
    void connect(LibsqlTestServer server) throws SQLException {
        this.server = server;
        driver = new NonRegisteringLibsqlDriver();
        c = driver.connect("jdbc:libsql:" + server.url(), new Properties()); // warms up detection
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS rt");
            s.execute("CREATE TABLE rt (id INTEGER PRIMARY KEY, name TEXT)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        driver.close();
        assertThat(server.counters().openStreams()).isZero();
    }

    private interface Action {
        void run() throws SQLException;
    }

    /** HTTP requests the server received while running the action. */
    private long requests(Action action) throws SQLException {
        ServerCounters counters = server.counters();
        long before = counters.httpRequests();
        action.run();
        return counters.httpRequests() - before;
    }

    @Test
    void connectingAgainCostsNothingOnceTheServerIsKnown() throws SQLException {
        long[] trips = new long[1];
        trips[0] = requests(() ->
                driver.connect("jdbc:libsql:" + server.url(), new Properties()).close());
        assertThat(trips[0]).isZero();
    }

    @Test
    void serverVersionCameWithDetectionSoNoMetaDataOrConnectionAsksForIt() throws SQLException {
        String[] version = new String[1];
        long trips = requests(() -> {
            version[0] = c.getMetaData().getDatabaseProductVersion();
            String viaNewMetaData = c.getMetaData().getDatabaseProductVersion();
            try (Connection other = driver.connect("jdbc:libsql:" + server.url(), new Properties())) {
                assertThat(other.getMetaData().getDatabaseProductVersion()).isEqualTo(viaNewMetaData);
                assertThat(other.getMetaData().getDatabaseMajorVersion()).isEqualTo(3);
            }
        });

        assertThat(trips)
                .describedAs("the detection probe of the connect in setUp already read sqlite_version()")
                .isZero();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select sqlite_version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(version[0]).isEqualTo(rs.getString(1));
        }
    }

    @Test
    void autocommitStatementIsOneRequestAndHoldsNoStream() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(requests(() -> s.executeUpdate("INSERT INTO rt (name) VALUES ('a')")))
                    .isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            assertThat(requests(() -> s.executeQuery("SELECT * FROM rt").close()))
                    .isEqualTo(1);
            assertThat(requests(() -> s.execute("UPDATE rt SET name = 'b'"))).isEqualTo(1);
            assertThat(requests(
                            () -> s.executeQuery("SELECT last_insert_rowid()").close()))
                    .describedAs("answered from the last INSERT")
                    .isZero();
            assertThat(server.counters().openStreams()).isZero();
        }
    }

    @Test
    void transactionCostsOneRequestPerStatementPlusCommit() throws SQLException {
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO rt (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            assertThat(requests(() -> c.setAutoCommit(false))).isZero();
            insert.setString(1, "x");
            assertThat(requests(insert::executeUpdate))
                    .describedAs("BEGIN rides the first statement")
                    .isEqualTo(1);
            assertThat(server.counters().openStreams()).isEqualTo(1);
            assertThat(requests(() -> {
                        try (ResultSet keys = insert.getGeneratedKeys()) {
                            assertThat(keys.next()).isTrue();
                        }
                    }))
                    .describedAs("getGeneratedKeys")
                    .isZero();
            insert.setString(1, "y");
            assertThat(requests(insert::executeUpdate)).isEqualTo(1);
            assertThat(requests(() -> c.setSavepoint("sp"))).isZero();
            assertThat(requests(c::commit)).isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            assertThat(requests(c::commit))
                    .describedAs("commit with nothing sent")
                    .isZero();
            assertThat(requests(c::rollback))
                    .describedAs("rollback with nothing sent")
                    .isZero();
            insert.setString(1, "z");
            insert.executeUpdate();
            assertThat(requests(c::rollback)).isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            c.setAutoCommit(true);
        }
    }

    @Test
    void batchOfAnySizeIsOneRequest() throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO rt (name) VALUES (?)")) {
            for (int i = 0; i < 500; i++) {
                insert.setString(1, "n" + i);
                insert.addBatch();
            }
            assertThat(requests(insert::executeBatch))
                    .describedAs("autocommit batch of 500")
                    .isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            c.setAutoCommit(false);
            for (int i = 0; i < 10; i++) {
                insert.setString(1, "m" + i);
                insert.addBatch();
            }
            assertThat(requests(insert::executeBatch))
                    .describedAs("batch in a transaction")
                    .isEqualTo(1);
            assertThat(requests(c::commit)).isEqualTo(1);
            c.setAutoCommit(true);
        }
    }

    @Test
    void batchInATransactionIsSentImmediatelyByDefault() throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rt (id, name) VALUES (?, ?)")) {
            for (int i = 1; i <= 3; i++) {
                p.setInt(1, i);
                p.setString(2, "n" + i);
                p.addBatch();
            }
            assertThat(requests(() -> assertThat(p.executeBatch()).containsExactly(1, 1, 1)))
                    .isEqualTo(1);
        }
        assertThat(requests(c::commit)).isEqualTo(1);
    }

    @Test
    void deferredBatchesRideTheNextRequest() throws SQLException {
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        c.setAutoCommit(false);
        libsql.beginBatchDeferral();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rt (id, name) VALUES (?, ?)")) {
            for (int batch = 0; batch < 20; batch++) {
                for (int i = 0; i < 50; i++) {
                    p.setInt(1, batch * 50 + i);
                    p.setString(2, "n");
                    p.addBatch();
                }
                assertThat(requests(p::executeBatch)).isZero();
            }
        }
        try (Statement s = c.createStatement()) {
            assertThat(requests(() -> {
                        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM rt")) {
                            assertThat(rs.next()).isTrue();
                            assertThat(rs.getLong(1))
                                    .describedAs("sent ahead of the query")
                                    .isEqualTo(1000);
                        }
                    }))
                    .isEqualTo(1);
            assertThat(requests(() -> {
                        try (ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                            assertThat(rs.next()).isTrue();
                            assertThat(rs.getLong(1))
                                    .describedAs("from the last deferred row")
                                    .isEqualTo(999);
                        }
                    }))
                    .isZero();
        }
        assertThat(requests(libsql::endBatchDeferral))
                .describedAs("nothing left to send")
                .isZero();
        assertThat(requests(c::commit)).isEqualTo(1);
    }

    @Test
    void endBatchDeferralThenCommitIsTwoRequests() throws SQLException {
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        long trips = requests(() -> {
            c.setAutoCommit(false);
            libsql.beginBatchDeferral();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO rt (id, name) VALUES (?, ?)")) {
                for (int i = 0; i < 1000; i++) {
                    p.setInt(1, i);
                    p.setString(2, "n");
                    p.addBatch();
                    if (i % 50 == 49) {
                        p.executeBatch();
                    }
                }
            }
            libsql.endBatchDeferral();
            c.commit();
        });
        assertThat(trips).isEqualTo(2);
        c.setAutoCommit(true);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM rt")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1000);
        }
    }

    @Test
    void rollbackOfNeverSentRowsIsNoRequestAndCloseDiscardsThem() throws SQLException {
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        c.setAutoCommit(false);
        libsql.beginBatchDeferral();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rt (id, name) VALUES (?, ?)")) {
            p.setInt(1, 1);
            p.setString(2, "n");
            p.addBatch();
            p.executeBatch();
            assertThat(requests(c::rollback)).isZero();
            assertThat(libsql.isBatchDeferral()).describedAs("ends at rollback").isFalse();
            libsql.beginBatchDeferral();
            p.addBatch();
            p.executeBatch();
        }
        Connection other = driver.connect("jdbc:libsql:" + server.url(), new Properties());
        LibsqlConnection second = other.unwrap(LibsqlConnection.class);
        other.setAutoCommit(false);
        second.beginBatchDeferral();
        try (PreparedStatement p = other.prepareStatement("INSERT INTO rt (id, name) VALUES (?, ?)")) {
            p.setInt(1, 2);
            p.setString(2, "n");
            p.addBatch();
            p.executeBatch();
        }
        assertThat(requests(other::close)).isZero();
        c.setAutoCommit(true); // commits the pending row
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM rt")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.next())
                    .describedAs("the closed connection's row was discarded")
                    .isFalse();
        }
    }

    @Test
    void theQueueIsFlushedWhenItGrowsPastItsBound() throws SQLException {
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        c.setAutoCommit(false);
        libsql.beginBatchDeferral();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rt (id, name) VALUES (?, ?)")) {
            long trips = 0;
            for (int batch = 0; batch < 11; batch++) {
                for (int i = 0; i < 500; i++) {
                    p.setInt(1, batch * 500 + i);
                    p.setString(2, "n");
                    p.addBatch();
                }
                trips += requests(p::executeBatch);
            }
            assertThat(trips).describedAs("flushed once past 5000 rows").isEqualTo(1);
            String big = "x".repeat(1024 * 1024);
            for (int i = 0; i < 3; i++) {
                p.setInt(1, 10_000 + i);
                p.setString(2, big);
                p.addBatch();
            }
            assertThat(requests(p::executeBatch)).describedAs("past about 4 MB").isEqualTo(1);
        }
        assertThat(requests(libsql::endBatchDeferral)).isZero();
        assertThat(requests(c::commit)).isEqualTo(1);
    }

    @Test
    void preparingIsFreeAndDescribingIsOneRequest() throws SQLException {
        PreparedStatement[] prepared = new PreparedStatement[1];
        assertThat(requests(() -> prepared[0] = c.prepareStatement("SELECT id, name FROM rt WHERE id = ?")))
                .isZero();
        assertThat(requests(() -> assertThat(prepared[0].getParameterMetaData().getParameterCount())
                        .isEqualTo(1)))
                .isZero();
        assertThat(requests(() ->
                        assertThat(prepared[0].getMetaData().getColumnCount()).isEqualTo(2)))
                .isEqualTo(1);
        assertThat(server.counters().openStreams()).isZero();
        prepared[0].close();
    }

    @Test
    void readOnlyTransactionCostsOneRequestPerQueryPlusOneToEndIt() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            assertThat(requests(() -> s.executeQuery("SELECT count(*) FROM rt").close()))
                    .describedAs("BEGIN rides the first query")
                    .isEqualTo(1);
            assertThat(requests(() -> s.executeQuery("SELECT count(*) FROM rt").close()))
                    .isEqualTo(1);
            assertThat(requests(c::commit))
                    .describedAs("the snapshot lives on the stream: COMMIT + close")
                    .isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
        }
        c.setAutoCommit(true);
    }

    /**
     * A connection marked read-only (as Spring's read-only transactions mark it) runs the queries of a
     * transaction that has not written like autocommit queries: no BEGIN, the stream closed in the same
     * request, so there is nothing for the commit to end. The first statement that may write begins a
     * real transaction, which a rollback undoes.
     */
    @Test
    void readOnlyConnectionRunsQueriesOfAManualCommitTransactionInOneRequestEachAndCommitsForFree()
            throws SQLException {
        c.setReadOnly(true);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            assertThat(requests(() -> {
                        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM rt")) {
                            assertThat(rs.next()).isTrue();
                            assertThat(rs.getLong(1)).isZero();
                        }
                    }))
                    .describedAs("the query without BEGIN, its stream closed in the same request")
                    .isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            assertThat(requests(() -> s.executeQuery("SELECT count(*) FROM rt").close()))
                    .isEqualTo(1);
            assertThat(requests(c::commit))
                    .describedAs("no transaction was begun")
                    .isZero();

            assertThat(requests(() -> s.executeUpdate("INSERT INTO rt (name) VALUES ('w')")))
                    .describedAs("a write begins a real transaction: BEGIN rides it")
                    .isEqualTo(1);
            assertThat(server.counters().openStreams()).isEqualTo(1);
            assertThat(requests(() -> s.executeQuery("SELECT count(*) FROM rt").close()))
                    .describedAs("later queries use the transaction's stream")
                    .isEqualTo(1);
            assertThat(requests(c::rollback)).isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
        }
        c.setAutoCommit(true);
        c.setReadOnly(false);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM rt")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1))
                    .describedAs("the rollback undid the write")
                    .isZero();
        }
    }

    @Test
    void isValidIsFreeWithoutAStreamAndCloseOutsideATransactionIsNone() throws SQLException {
        assertThat(requests(() -> assertThat(c.isValid(5)).isTrue()))
                .describedAs("no stream held: nothing can be stale, nothing is sent")
                .isZero();
        c.setAutoCommit(false);
        assertThat(requests(() -> assertThat(c.isValid(5)).isTrue()))
                .describedAs("manual commit before the first statement holds no stream either")
                .isZero();
        c.createStatement().executeQuery("SELECT 1").close();
        assertThat(requests(() -> assertThat(c.isValid(5)).isTrue()))
                .describedAs("inside a transaction: SELECT 1 on the open stream")
                .isEqualTo(1);
        c.rollback();
        assertThat(requests(() -> assertThat(c.isValid(5)).isTrue()))
                .describedAs("after rollback")
                .isZero();
        c.setAutoCommit(true);
        Connection other = driver.connect("jdbc:libsql:" + server.url(), new Properties());
        other.createStatement().executeQuery("SELECT 1").close();
        assertThat(requests(other::close)).isZero();
        Connection inTransaction = driver.connect("jdbc:libsql:" + server.url(), new Properties());
        inTransaction.setAutoCommit(false);
        inTransaction.createStatement().executeQuery("SELECT 1").close();
        assertThat(server.counters().openStreams()).isEqualTo(1);
        assertThat(requests(inTransaction::close))
                .describedAs("close ends the open stream")
                .isEqualTo(1);
        assertThat(server.counters().openStreams()).isZero();
    }
}
