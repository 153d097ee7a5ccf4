package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.Connection;
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
 * A batch of DDL statements on tursodb 0.7.0, on a server of its own. In the shared conformance run a
 * committed DDL batch (with the drops after it) made a later test's rolled-back batch on tursodb's shared
 * connection lose the table that test had just created; the cause is not pinned down yet, so this check
 * does not share a server.
 */
class TursoDbDdlBatchTest {

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    private NonRegisteringLibsqlDriver driver;
    private Connection c;

    @BeforeEach
    void connect(TursoDbServer server) throws SQLException {
        driver = new NonRegisteringLibsqlDriver();
        c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        driver.close();
    }

    private List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private int[] ddlBatch() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE posts (id INTEGER PRIMARY KEY)");
            s.executeUpdate("INSERT INTO posts (id) VALUES (1)");
            s.addBatch("CREATE TABLE IF NOT EXISTS images (id INTEGER PRIMARY KEY, url TEXT)");
            s.addBatch("ALTER TABLE posts ADD COLUMN subtitle TEXT");
            s.addBatch("CREATE INDEX IF NOT EXISTS images_url ON images (url)");
            s.addBatch("ALTER TABLE posts ADD COLUMN series_position INTEGER DEFAULT 0 NOT NULL");
            return s.executeBatch();
        }
    }

    @Test
    void batchOfDdlStatementsReturnsZeroPerStatementAndAppliesThemAll() throws SQLException {
        assertThat(ddlBatch())
                .describedAs("a DDL statement has an update count of 0")
                .containsExactly(0, 0, 0, 0);
        assertThat(strings("SELECT name FROM pragma_table_info('posts') ORDER BY cid"))
                .containsExactly("id", "subtitle", "series_position");
        assertThat(strings("SELECT count(*) FROM images")).containsExactly("0");
        assertThat(strings("SELECT id || ':' || series_position FROM posts")).containsExactly("1:0");
    }
}
