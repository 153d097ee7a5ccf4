package dev.libsqljpa.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import db.concurrent.V3__Second;
import dev.libsqljpa.jdbc.LibsqlDataSource;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flyway on libSQL through the plugin, against the in-JVM libSQL server. Runs twice (surefire
 * executions default-test and flyway11): on Flyway 13 and on Flyway 11.
 */
class FlywayLibsqlTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private String url() {
        return "jdbc:libsql:" + libsql.server().url();
    }

    private Flyway flyway(String... locations) {
        return Flyway.configure().dataSource(url(), "", "").locations(locations).load();
    }

    @Test
    void runsOnTheFlywayVersionOfThisExecution() throws IOException {
        Properties pom = new Properties();
        try (InputStream in =
                Flyway.class.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            pom.load(in);
        }
        assertThat(pom.getProperty("version"))
                .describedAs("flyway-core on the test class path")
                .isEqualTo(System.getProperty("expected.flyway.version"));
    }

    @Test
    void migrateAppliesVersionedJavaAndRepeatableMigrationsAndInfoListsThem() throws SQLException {
        Flyway flyway = flyway("classpath:db/migration");

        MigrateResult result = flyway.migrate();

        assertThat(result.migrationsExecuted)
                .describedAs("V1, V2, V3 (Java), R")
                .isEqualTo(4);
        assertThat(result.targetSchemaVersion).isEqualTo("3");
        assertThat(query("SELECT author, title FROM author_books ORDER BY title"))
                .containsExactly("Ada|Notes", "Ada|Volume 2", "Ada|Volume 3");
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied)
                .extracting(MigrationInfo::getScript)
                .containsExactly(
                        "V1__author.sql", "V2__book.sql", "db.migration.V3__Seed_books", "R__author_books.sql");
        assertThat(applied).extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void secondMigrateAppliesNothingAndValidatePasses() throws SQLException {
        Flyway flyway = flyway("classpath:db/migration");
        flyway.migrate();

        MigrateResult again = flyway.migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(query("SELECT count(*) FROM book")).containsExactly("3");
        assertThat(query("SELECT count(*) FROM flyway_schema_history")).containsExactly("4");
    }

    @Test
    void aDataSourceIsRecognisedByItsProductName() throws SQLException {
        LibsqlDataSource dataSource = new LibsqlDataSource();
        dataSource.setUrl(url());
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();

        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(4);
        assertThat(query("SELECT count(*) FROM author")).containsExactly("1");
    }

    @Test
    void aFailedMigrationIsRolledBackWithoutAHistoryRowAndARerunContinues() throws SQLException {
        Flyway flyway = flyway("classpath:db/failing");

        assertThatThrownBy(flyway::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("V2__needs_gate.sql")
                .hasMessageContaining("no such table: gate");

        assertThat(tables())
                .describedAs("V1 committed; V2's first statement rolled back with it")
                .contains("first_step")
                .doesNotContain("second_step");
        assertThat(query("SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank"))
                .describedAs("history holds V1 only: no failed row to repair")
                .containsExactly("1:1");
        assertThat(flyway.info().pending()).extracting(MigrationInfo::getScript).containsExactly("V2__needs_gate.sql");

        execute("CREATE TABLE gate (id INTEGER PRIMARY KEY)");
        MigrateResult rerun = flyway.migrate();

        assertThat(rerun.migrationsExecuted).isEqualTo(1);
        assertThat(tables()).contains("second_step");
        assertThat(query("SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("1:1", "2:1");
    }

    @Test
    void repairRealignsTheChecksumOfAnEditedMigration() throws SQLException {
        flyway("classpath:db/repair1").migrate();
        Flyway edited = flyway("classpath:db/repair2");

        assertThat(edited.validateWithResult().validationSuccessful)
                .describedAs("checksum mismatch")
                .isFalse();
        edited.repair();

        assertThat(edited.validateWithResult().validationSuccessful).isTrue();
        assertThat(edited.migrate().migrationsExecuted).isZero();
    }

    @Test
    void cleanDropsParentAndChildTablesWithRowsWhileForeignKeysAreEnforced() throws SQLException {
        Flyway flyway = Flyway.configure()
                .dataSource(url(), "", "")
                .locations("classpath:db/migration")
                .cleanDisabled(false)
                .load();
        flyway.migrate();
        assertThat(query("SELECT count(*) FROM book")).containsExactly("3");

        flyway.clean();

        assertThat(tables()).describedAs("tables after clean").isEmpty();
        assertThat(query("SELECT count(*) FROM sqlite_master WHERE type = 'view'"))
                .containsExactly("0");
        assertThat(flyway.migrate().migrationsExecuted)
                .describedAs("migrate after clean starts over")
                .isEqualTo(4);
    }

    @Test
    void cleanIsRefusedWhileDisabled() throws SQLException {
        Flyway flyway = flyway("classpath:db/migration");
        flyway.migrate();

        assertThatThrownBy(flyway::clean).isInstanceOf(FlywayException.class).hasMessageContaining("clean");
        assertThat(tables()).contains("author", "book");
    }

    @Test
    void twoConcurrentMigratorsApplyEachMigrationOnce() throws Exception {
        V3__Second.RUNS.set(0);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (String runner : List.of("A", "B")) {
                Flyway flyway = Flyway.configure()
                        .dataSource(url(), "", "")
                        .locations("classpath:db/concurrent")
                        .placeholders(Map.of("runner", runner))
                        .load();
                Callable<MigrateResult> migrate = () -> {
                    start.await();
                    return flyway.migrate();
                };
                results.add(pool.submit(migrate));
            }
            start.countDown();
            int executed = 0;
            for (Future<MigrateResult> result : results) {
                executed += result.get(120, TimeUnit.SECONDS).migrationsExecuted;
            }

            assertThat(executed)
                    .describedAs("migrations executed by both runners together")
                    .isEqualTo(4);
            assertThat(V3__Second.RUNS.get())
                    .describedAs("runs of the Java migration")
                    .isEqualTo(1);
            assertThat(query("SELECT version || ':' || count(*) FROM applied GROUP BY version ORDER BY version"))
                    .containsExactly("2:1", "3:1", "4:1");
            assertThat(query("SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1", "2", "3", "4");
            assertThat(query("SELECT count(*) FROM flyway_schema_history_lock"))
                    .describedAs("the lock row is released")
                    .containsExactly("0");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMigratorWaitsForAHeldLockAndFailsClearlyAtTheDeadline() throws SQLException {
        Flyway flyway = Flyway.configure()
                .dataSource(url(), "", "")
                .locations("classpath:db/migration")
                .lockRetryCount(1)
                .load();
        flyway.migrate();
        execute(
                "INSERT INTO flyway_schema_history_lock (id, owner, expires_at) VALUES (1, 'other-host', 32503680000000)");
        Flyway more = Flyway.configure()
                .dataSource(url(), "", "")
                .locations("classpath:db/migration", "classpath:db/more")
                .lockRetryCount(1)
                .load();

        assertThatThrownBy(more::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("still held by another migrator (owner other-host")
                .hasMessageContaining("lockRetryCount");
        assertThat(tables()).describedAs("the pending V4 did not run").doesNotContain("later_table");

        execute("UPDATE flyway_schema_history_lock SET expires_at = 0");
        assertThat(more.migrate().migrationsExecuted)
                .describedAs("an expired lock is taken over")
                .isEqualTo(1);
        assertThat(tables()).contains("later_table");
    }

    private List<String> tables() throws SQLException {
        return query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
