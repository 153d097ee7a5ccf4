package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testkit.LibsqlTestServer;
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

/** Queries with a fetch size read their rows through the cursor endpoint, as they arrive. */
@ExtendWith(LibsqlServerExtension.class)
class LibsqlCursorQueryTest {
    /** 60,000 rows of 120 characters: more than the 10 MiB a pipeline answer may carry. */
    private static final String BIG = "WITH RECURSIVE g(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM g WHERE v < 60000)"
            + " SELECT v, hex(zeroblob(60)) AS pad FROM g";

    private LibsqlTestServer server;
    private NonRegisteringLibsqlDriver driver;
    private Connection c;

    @BeforeEach
    void connect(LibsqlTestServer server) throws SQLException {
        this.server = server;
        driver = new NonRegisteringLibsqlDriver();
        c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS cq");
            s.execute("CREATE TABLE cq (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO cq (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        driver.close();
        assertThat(server.counters().openStreams())
                .describedAs("no server stream left open")
                .isZero();
    }

    private long requestsSince(long before) {
        return server.counters().httpRequests() - before;
    }

    @Test
    void withAFetchSizeARowSetBeyondThePipelineLimitIsReadCompletelyInTwoRequests() throws SQLException {
        long before = server.counters().httpRequests();
        long rows = 0;
        long sum = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(500);
            try (ResultSet rs = s.executeQuery(BIG)) {
                assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("pad");
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(1);
                    assertThat(rs.getString(2)).hasSize(120);
                }
                assertThat(rs.isAfterLast()).isTrue();
            }
        }
        assertThat(rows).isEqualTo(60_000);
        assertThat(sum).isEqualTo(60_000L * 60_001 / 2);
        assertThat(requestsSince(before))
                .describedAs("cursor + close of its stream")
                .isEqualTo(2);
    }

    @Test
    void columnTypesOfExpressionsAreInferredFromTheFirstRowAsWithoutACursor() throws SQLException {
        String sql = "SELECT 1 + id AS n, name || '' AS t, x'01' AS b FROM cq ORDER BY id";
        int[] plain = new int[3];
        int[] cursor = new int[3];
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            for (int i = 0; i < 3; i++) {
                plain[i] = rs.getMetaData().getColumnType(i + 1);
            }
        }
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10);
            try (ResultSet rs = s.executeQuery(sql)) {
                for (int i = 0; i < 3; i++) {
                    cursor[i] = rs.getMetaData().getColumnType(i + 1);
                }
                assertThat(rs.next())
                        .describedAs("the first row is still there after the look-ahead")
                        .isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
        assertThat(cursor).containsExactly(plain);
        assertThat(plain[0]).isNotEqualTo(plain[1]);
    }

    @Test
    void withoutAFetchSizeTheSameQueryHitsTheServersPipelineLimit() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(BIG))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("RESPONSE_TOO_LARGE");
        }
    }

    @Test
    void maxRowsStopsReadingAndClosesTheStream() throws SQLException {
        long before = server.counters().httpRequests();
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM cq ORDER BY id")) {
            ps.setFetchSize(10);
            ps.setMaxRows(2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.isBeforeFirst()).isTrue();
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getRow()).isEqualTo(rows);
                    assertThat(rs.isLast()).isEqualTo(rows == 2);
                }
            }
        }
        assertThat(rows).isEqualTo(2);
        assertThat(requestsSince(before)).isEqualTo(2);
    }

    @Test
    void inATransactionTheCursorRidesTheTransactionsStreamInOneRequest() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO cq (id, name) VALUES (4, 'uncommitted')");
            long before = server.counters().httpRequests();
            s.setFetchSize(100);
            StringBuilder names = new StringBuilder();
            try (ResultSet rs = s.executeQuery("SELECT name FROM cq ORDER BY id")) {
                while (rs.next()) {
                    names.append(rs.getString(1)).append(' ');
                }
            }
            assertThat(names.toString()).isEqualTo("a b c uncommitted ");
            assertThat(requestsSince(before)).isEqualTo(1);
        }
        c.rollback();
        c.setAutoCommit(true);
    }

    @Test
    void anotherStatementWhileRowsAreUnreadRunsAndTheRowsStillArrive() throws SQLException {
        try (Statement reader = c.createStatement();
                Statement other = c.createStatement()) {
            reader.setFetchSize(1);
            try (ResultSet rs = reader.executeQuery("SELECT id FROM cq ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                try (ResultSet count = other.executeQuery("SELECT count(*) FROM cq")) {
                    assertThat(count.next()).isTrue();
                    assertThat(count.getInt(1)).isEqualTo(3);
                }
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aFailingQueryReportsTheServersErrorAndLeavesNoStream() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10);
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no such table: no_such_table");
        }
    }

    @Test
    void closingEarlyDropsTheRestAndTheConnectionStaysUsable() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(100);
            ResultSet rs = s.executeQuery(BIG);
            assertThat(rs.next()).isTrue();
            rs.close();
            assertThat(rs.isClosed()).isTrue();
            try (ResultSet again = c.createStatement().executeQuery("SELECT count(*) FROM cq")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getInt(1)).isEqualTo(3);
            }
        }
    }
}
