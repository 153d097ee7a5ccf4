package dev.libsqljpa.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flyway plugin on {@code tursodb --sync-server} (the minimal server: one statement per
 * request, one engine connection shared by all clients): migrate, the lock row, clean.
 */
class FlywayTursoDbTest {

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    private String url;

    private Flyway flyway(String url, String... locations) {
        this.url = url;
        return Flyway.configure()
                .dataSource(url, "", "")
                .locations(locations)
                .cleanDisabled(false)
                .lockRetryCount(1)
                .load();
    }

    @Test
    void migrateInfoCleanOnTursodb(TursoDbServer server) throws SQLException {
        Flyway flyway = flyway("jdbc:libsql:" + server.url(), "classpath:db/migration");

        MigrateResult result = flyway.migrate();

        assertThat(result.migrationsExecuted).isEqualTo(4);
        assertThat(query("SELECT count(*) FROM book")).containsExactly("3");
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        assertThat(query("SELECT count(*) FROM flyway_schema_history_lock")).containsExactly("0");

        flyway.clean();

        assertThat(query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
                        + " AND name NOT LIKE '__turso_internal%'"))
                .isEmpty();
    }

    @Test
    void aHeldLockStopsAMigratorOnTursodb(TursoDbServer server) throws SQLException {
        Flyway flyway = flyway("jdbc:libsql:" + server.url(), "classpath:db/migration");
        flyway.migrate();
        execute(
                "INSERT INTO flyway_schema_history_lock (id, owner, expires_at) VALUES (1, 'other-host', 32503680000000)");
        Flyway more = flyway(url, "classpath:db/migration", "classpath:db/more");

        assertThatThrownBy(more::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("still held by another migrator (owner other-host");

        execute("UPDATE flyway_schema_history_lock SET expires_at = 0");
        assertThat(more.migrate().migrationsExecuted).isEqualTo(1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
