package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tursodb 0.7.0 keeps every auto-commit write out of its log once its engine connection has run an
 * auto-commit query over a table-valued pragma, until an explicit transaction commits: a SIGKILL then
 * loses writes it had answered. The driver runs such a query inside {@code BEGIN … COMMIT} in the
 * same request (docs/servers.md, "Durability"). Each test kills the real server after the writes and
 * restarts it on the same file; the proxy in front counts the requests, which stay one per call.
 */
class TursoDbPragmaDurabilityTest {

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    private NonRegisteringLibsqlDriver driver;
    private HttpFaultProxy proxy;
    private Connection c;

    @BeforeEach
    void connect(TursoDbServer server) throws SQLException {
        driver = new NonRegisteringLibsqlDriver();
        proxy = HttpFaultProxy.start(URI.create(server.url()));
        c = driver.connect("jdbc:libsql:" + proxy.uri(), new Properties());
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        proxy.close();
        driver.close();
    }

    @Test
    void autocommitWritesAfterDatabaseMetaDataQueriesSurviveAKill(TursoDbServer server) throws SQLException {
        proxy.reset();
        DatabaseMetaData meta = c.getMetaData();
        assertThat(strings(meta.getColumns(null, null, "t", null), "COLUMN_NAME"))
                .containsExactly("id", "name");
        assertThat(strings(meta.getPrimaryKeys(null, null, "t"), "COLUMN_NAME")).containsExactly("id");
        assertThat(proxy.requests())
                .describedAs("one request per metadata call")
                .isEqualTo(2);

        writeAndKill(server);

        assertWritesSurvived(server);
    }

    @Test
    void autocommitWritesAfterAUserPragmaQuerySurviveAKill(TursoDbServer server) throws SQLException {
        proxy.reset();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name from pragma_table_info('t') order by cid")) {
            assertThat(strings(rs, "name")).containsExactly("id", "name");
        }
        try (PreparedStatement ps = c.prepareStatement("select name from pragma_table_info(?) where pk = 1")) {
            ps.setString(1, "t");
            assertThat(strings(ps.executeQuery(), "name")).containsExactly("id");
        }
        assertThat(proxy.requests()).describedAs("one request per query").isEqualTo(2);

        writeAndKill(server);

        assertWritesSurvived(server);
    }

    /** A read-only manual-commit connection sends a query before any write on its own, outside a transaction. */
    @Test
    void metaDataOfAReadOnlyConnectionOutsideATransactionKeepsLaterWrites(TursoDbServer server) throws SQLException {
        try (Connection reader = driver.connect("jdbc:libsql:" + proxy.uri(), new Properties())) {
            reader.setReadOnly(true);
            reader.setAutoCommit(false);
            proxy.reset();
            assertThat(strings(reader.getMetaData().getPrimaryKeys(null, null, "t"), "COLUMN_NAME"))
                    .containsExactly("id");
            reader.commit();
            assertThat(proxy.requests())
                    .describedAs("the query alone; the commit has nothing to end")
                    .isEqualTo(1);
        }

        writeAndKill(server);

        assertWritesSurvived(server);
    }

    /** Inside the connection's own transaction the query needs no transaction of its own. */
    @Test
    void pragmaQueryInsideATransactionKeepsLaterWrites(TursoDbServer server) throws SQLException {
        proxy.reset();
        c.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1, 'one')");
        assertThat(strings(c.getMetaData().getColumns(null, null, "t", null), "COLUMN_NAME"))
                .containsExactly("id", "name");
        c.commit();
        c.setAutoCommit(true);
        assertThat(proxy.requests())
                .describedAs("insert with BEGIN, query, commit")
                .isEqualTo(3);
        writeTheRestAndKill(server);

        assertWritesSurvived(server);
    }

    /**
     * A failed query fails as it would without the transaction around it, and leaves none open: a
     * prepare error (tursodb then needs the ROLLBACK) and an execution error (tursodb has already ended
     * the transaction itself).
     */
    @Test
    void aFailingPragmaQueryReportsItsErrorAndLeavesNoTransactionOpen(TursoDbServer server) throws SQLException {
        proxy.reset();
        SQLException prepare =
                catchThrowableOfType(SQLException.class, () -> exec("select nosuch from pragma_table_info('t')"));
        assertThat((Object) prepare).describedAs("the prepare error").isNotNull();
        assertThat(prepare.getMessage()).contains("no such column: nosuch");
        SQLException runtime = catchThrowableOfType(
                SQLException.class,
                () -> exec("select * from pragma_table_info('t') where abs(-9223372036854775807 - 1) > 0"));
        assertThat((Object) runtime).describedAs("the execution error").isNotNull();
        assertThat(runtime.getMessage()).contains("integer overflow");
        assertThat(proxy.requests()).describedAs("one request per statement").isEqualTo(2);

        c.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1, 'one')");
        c.commit(); // a transaction left open on tursodb's one engine connection would make this BEGIN fail
        c.setAutoCommit(true);
        writeTheRestAndKill(server);

        assertWritesSurvived(server);
    }

    /** A write that reads a pragma: its update count, its durability, and its failed COMMIT. */
    @Test
    void aWriteReadingAPragmaCountsItsRowsAndAFailedCommitAppliesNothing(TursoDbServer server) throws SQLException {
        exec("CREATE TABLE cols (name TEXT)");
        exec("CREATE TABLE p (id INTEGER PRIMARY KEY)");
        exec("CREATE TABLE ch (pid INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)");
        proxy.reset();
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("insert into cols select name from pragma_table_info('t')"))
                    .isEqualTo(2);
            SQLException commit = catchThrowableOfType(
                    SQLException.class,
                    () -> s.executeUpdate("insert into ch select cid + 100 from pragma_table_info('p')"));
            assertThat((Object) commit)
                    .describedAs("the deferred key fails the COMMIT")
                    .isNotNull();
            assertThat(commit.getMessage()).contains("COMMIT").contains("deferred foreign key constraint failed");
        }
        assertThat(proxy.requests()).describedAs("one request per statement").isEqualTo(2);
        assertThat(longs(server, "select count(*) from ch"))
                .describedAs("the rolled-back insert")
                .containsExactly(0L);

        writeAndKill(server);

        assertWritesSurvived(server);
        assertThat(strings(server, "select name from cols order by name")).containsExactly("id", "name");
    }

    /**
     * A transaction that another client (not this driver) holds on tursodb's one engine connection
     * makes the BEGIN fail: the query then runs inside that transaction, as every auto-commit statement
     * does, and neither COMMIT nor ROLLBACK touches it.
     */
    @Test
    void anotherClientsOpenTransactionIsLeftToThatClient(TursoDbServer server) throws Exception {
        assertThat(raw(server, "BEGIN")).contains("\"type\":\"ok\"").doesNotContain("\"error\"");
        assertThat(raw(server, "INSERT INTO t VALUES (1, 'one')")).doesNotContain("\"error\"");
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name from pragma_table_info('t') order by cid")) {
            assertThat(strings(rs, "name")).containsExactly("id", "name");
        }
        assertThat(raw(server, "COMMIT"))
                .describedAs("the other client's transaction is still open")
                .contains("\"type\":\"ok\"")
                .doesNotContain("\"error\"");
        writeTheRestAndKill(server);

        assertWritesSurvived(server);
    }

    /** Auto-commit writes: two rows, a table and its row; visible before the kill, then SIGKILL and restart. */
    private void writeAndKill(TursoDbServer server) throws SQLException {
        proxy.reset();
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1, 'one')")).isEqualTo(1);
            assertThat(s.executeUpdate("INSERT INTO t VALUES (2, 'two')")).isEqualTo(1);
            s.execute("CREATE TABLE u (a)");
            assertThat(s.executeUpdate("INSERT INTO u VALUES (7)")).isEqualTo(1);
        }
        assertThat(proxy.requests()).isEqualTo(4);
        assertThat(longs(server, "SELECT id FROM t ORDER BY id"))
                .describedAs("answered and visible before the kill")
                .containsExactly(1L, 2L);
        killAndRestart(server);
    }

    /**
     * The auto-commit writes {@link #assertWritesSurvived} expects besides row 1 (committed earlier
     * in a transaction): row 2, a table and its row; then SIGKILL and restart.
     */
    private void writeTheRestAndKill(TursoDbServer server) throws SQLException {
        exec("INSERT INTO t VALUES (2, 'two')");
        exec("CREATE TABLE u (a)");
        exec("INSERT INTO u VALUES (7)");
        killAndRestart(server);
    }

    /** SIGKILL (like a crash), then a new process on the same database file and port. */
    private static void killAndRestart(TursoDbServer server) {
        long pid = server.pid();
        server.kill();
        server.restart();
        assertThat(server.pid()).isNotEqualTo(pid);
    }

    private void assertWritesSurvived(TursoDbServer server) throws SQLException {
        assertThat(longs(server, "SELECT id FROM t ORDER BY id"))
                .describedAs("the answered inserts after the restart")
                .containsExactly(1L, 2L);
        assertThat(strings(server, "SELECT name FROM sqlite_schema WHERE name = 'u'"))
                .describedAs("the answered CREATE TABLE after the restart")
                .containsExactly("u");
        assertThat(longs(server, "SELECT a FROM u")).containsExactly(7L);
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Reads through a fresh connection straight to the server (not through the proxy). */
    private static List<Long> longs(TursoDbServer server, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        for (String value : strings(server, sql)) {
            values.add(Long.parseLong(value));
        }
        return values;
    }

    private static List<String> strings(TursoDbServer server, String sql) throws SQLException {
        try (NonRegisteringLibsqlDriver fresh = new NonRegisteringLibsqlDriver();
                Connection connection = fresh.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = connection.createStatement()) {
            return strings(s.executeQuery(sql), null);
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        try (rs) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(column == null ? rs.getString(1) : rs.getString(column));
            }
            return values;
        }
    }

    /** One statement from another HTTP client, as tursodb's answer body. */
    private static String raw(TursoDbServer server, String sql) throws IOException, InterruptedException {
        String body = "{\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"" + sql + "\"}}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v2/pipeline"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
