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

/** The round-trip table of DESIGN.md §2, counted at the server. */
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
        trips[0] = requests(() -> driver.connect("jdbc:libsql:" + server.url(), new Properties()).close());
        assertThat(trips[0]).isZero();
    }

    @Test
    void autocommitStatementIsOneRequestAndHoldsNoStream() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(requests(() -> s.executeUpdate("INSERT INTO rt (name) VALUES ('a')"))).isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            assertThat(requests(() -> s.executeQuery("SELECT * FROM rt").close())).isEqualTo(1);
            assertThat(requests(() -> s.execute("UPDATE rt SET name = 'b'"))).isEqualTo(1);
            assertThat(requests(() -> s.executeQuery("SELECT last_insert_rowid()").close()))
                    .describedAs("answered from the last INSERT").isZero();
            assertThat(server.counters().openStreams()).isZero();
        }
    }

    @Test
    void transactionCostsOneRequestPerStatementPlusCommit() throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO rt (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            assertThat(requests(() -> c.setAutoCommit(false))).isZero();
            insert.setString(1, "x");
            assertThat(requests(insert::executeUpdate)).describedAs("BEGIN rides the first statement").isEqualTo(1);
            assertThat(server.counters().openStreams()).isEqualTo(1);
            assertThat(requests(() -> {
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                }
            })).describedAs("getGeneratedKeys").isZero();
            insert.setString(1, "y");
            assertThat(requests(insert::executeUpdate)).isEqualTo(1);
            assertThat(requests(() -> c.setSavepoint("sp"))).isZero();
            assertThat(requests(c::commit)).isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            assertThat(requests(c::commit)).describedAs("commit with nothing sent").isZero();
            assertThat(requests(c::rollback)).describedAs("rollback with nothing sent").isZero();
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
            assertThat(requests(insert::executeBatch)).describedAs("autocommit batch of 500").isEqualTo(1);
            assertThat(server.counters().openStreams()).isZero();
            c.setAutoCommit(false);
            for (int i = 0; i < 10; i++) {
                insert.setString(1, "m" + i);
                insert.addBatch();
            }
            assertThat(requests(insert::executeBatch)).describedAs("batch in a transaction").isEqualTo(1);
            assertThat(requests(c::commit)).isEqualTo(1);
            c.setAutoCommit(true);
        }
    }

    @Test
    void preparingIsFreeAndDescribingIsOneRequest() throws SQLException {
        PreparedStatement[] prepared = new PreparedStatement[1];
        assertThat(requests(() -> prepared[0] = c.prepareStatement("SELECT id, name FROM rt WHERE id = ?"))).isZero();
        assertThat(requests(() -> assertThat(prepared[0].getParameterMetaData().getParameterCount()).isEqualTo(1)))
                .isZero();
        assertThat(requests(() -> assertThat(prepared[0].getMetaData().getColumnCount()).isEqualTo(2))).isEqualTo(1);
        assertThat(server.counters().openStreams()).isZero();
        prepared[0].close();
    }

    @Test
    void isValidIsOneRequestAndCloseOutsideATransactionIsNone() throws SQLException {
        assertThat(requests(() -> assertThat(c.isValid(5)).isTrue())).isEqualTo(1);
        Connection other = driver.connect("jdbc:libsql:" + server.url(), new Properties());
        other.createStatement().executeQuery("SELECT 1").close();
        assertThat(requests(other::close)).isZero();
        Connection inTransaction = driver.connect("jdbc:libsql:" + server.url(), new Properties());
        inTransaction.setAutoCommit(false);
        inTransaction.createStatement().executeQuery("SELECT 1").close();
        assertThat(server.counters().openStreams()).isEqualTo(1);
        assertThat(requests(inTransaction::close)).describedAs("close ends the open stream").isEqualTo(1);
        assertThat(server.counters().openStreams()).isZero();
    }
}
