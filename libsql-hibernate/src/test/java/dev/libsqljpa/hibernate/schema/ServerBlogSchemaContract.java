package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testing.blog.BlogVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The scenarios that need a real server process under the test's control: an interrupted deploy
 * (scenario 2) and a database that comes up late or never (scenario 5). Runs through the libSQL driver.
 */
abstract class ServerBlogSchemaContract extends BlogSchemaContract {

    /**
     * Arranges that the server dies once {@code n} DDL statements have taken effect, before the
     * client learns the outcome of the next one: the returned hook sees every statement just before it
     * is executed or batched (for servers that are killed from the outside).
     */
    protected abstract InterceptingDataSource.Hook crashAfterDdlStatements(int n);

    /**
     * How many of the first {@code answered} statements of an interrupted statement-by-statement deploy
     * are still there after the crash: all of them on a server that commits each answered statement
     * durably (the testkit, sqld, and tursodb 0.7.0 through this driver).
     */
    protected int answeredStatementsThatSurviveACrash(int answered) {
        return answered;
    }

    /** Brings the crashed or stopped server back on the same port and data. */
    protected abstract void bringBack();

    /** Stops the server; {@link #bringBack()} starts it again on the same port and data. */
    protected abstract void takeDown();

    // --- scenario 2 ------------------------------------------------------------------------------

    @Test
    void scenario2_serverDiesAfterTheFirstDdlStatementAndTheRerunAppliesTheRest() throws Exception {
        interruptedDeployConverges(Map.of(SchemaSettings.BATCH, "false"), 1);
    }

    @Test
    void scenario2_serverDiesAfterTheSecondDdlStatementAndTheRerunAppliesTheRest() throws Exception {
        interruptedDeployConverges(Map.of(SchemaSettings.BATCH, "false"), 2);
    }

    @Test
    void scenario2_serverDiesAfterTheLastButOneDdlStatementAndTheRerunAppliesTheLast() throws Exception {
        interruptedDeployConverges(Map.of(SchemaSettings.BATCH, "false"), LAST_BUT_ONE);
    }

    @Test
    void scenario2_serverDiesInsideTheBatchOfAStepAndNothingOfItIsApplied() throws Exception {
        interruptedDeployConverges(Map.of(), 2);
    }

    private static final int LAST_BUT_ONE = -1;

    /**
     * v3 → v5 with drops, interrupted after {@code n} DDL statements (batch mode: {@code n} statements
     * into the batch). Asserts the state the crash left on the server before the rerun, then that the
     * rerun converges and its report lists exactly the statements that were still missing.
     */
    private void interruptedDeployConverges(Map<String, Object> mode, int n) throws Exception {
        // The history before, deployed on the empty database in the same mode.
        deployer.deploy("update", BlogVersion.V3.entityArray(), mode);
        db().exec(
                        "insert into posts (title, slug, published, inserted_at) values ('A', 'a', 0, '2024-01-01 00:00:00')");
        List<String> plan = plannedUpdate(mode);
        assertThat(plan)
                .describedAs("v3 -> v5: images, its index, two columns, one drop")
                .hasSize(5);
        int crashAfter = n == LAST_BUT_ONE ? plan.size() - 1 : n;
        boolean batched = !"false".equals(mode.get(SchemaSettings.BATCH));

        Map<String, Object> settings = new HashMap<>(mode);
        settings.putAll(DROPS);
        settings.put(SchemaSettings.WAIT_TIMEOUT, "0");
        settings.put(
                "hibernate.connection.datasource",
                new InterceptingDataSource(db(), crashAfterDdlStatements(crashAfter)));
        assertThatThrownBy(() -> deployer.deploy("update", BlogVersion.V5.entityArray(), settings))
                .describedAs("the interrupted deploy fails")
                .isInstanceOf(RuntimeException.class);
        bringBack();

        // The intermediate state, before anything else touches the database.
        List<String> tookEffect =
                batched ? List.of() : plan.subList(0, answeredStatementsThatSurviveACrash(crashAfter));
        for (String statement : plan) {
            assertThat(hasEffect(statement))
                    .describedAs(
                            "after a crash %s DDL statements into %s: [%s] %s",
                            crashAfter,
                            batched ? "one batch (rolled back as a whole)" : "statement-by-statement",
                            statement,
                            tookEffect.contains(statement) ? "took effect" : "did not take effect")
                    .isEqualTo(tookEffect.contains(statement));
        }
        if (!batched && tookEffect.size() == 1) {
            assertThat(db().tables()).describedAs("images created").contains("images");
            assertThat(db().columns("posts"))
                    .describedAs("posts.subtitle not yet added")
                    .doesNotContain("subtitle");
        }

        Map<String, Object> rerun = new HashMap<>(mode);
        rerun.putAll(DROPS);
        SchemaReport report = deployer.deploy("update", BlogVersion.V5.entityArray(), rerun);
        assertThat(report.failed()).isFalse();
        assertThat(report.applied())
                .describedAs("the rerun applies exactly what the crash left out")
                .containsExactlyElementsOf(plan.subList(tookEffect.size(), plan.size()));
        assertThat(report.skipped()).isEmpty();
        assertThat(db().tables()).containsExactlyInAnyOrder("posts", "series", "images");
        assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
        assertThat(db().columns("series")).containsExactlyInAnyOrderElementsOf(SERIES_V5);
        assertThat(db().columns("images")).containsExactlyInAnyOrderElementsOf(IMAGES_V5);
        assertThat(db().strings("select title || '/' || series_position from posts"))
                .containsExactly("A/0");
        assertThat(deployer.deploy("update", BlogVersion.V5.entityArray(), rerun)
                        .entries())
                .isEmpty();
    }

    /** The statements {@code update} to v5 would run now, in order, from an update script (reads only). */
    private List<String> plannedUpdate(Map<String, Object> mode) throws Exception {
        Path script = Files.createTempFile("libsql-update", ".sql");
        try {
            Map<String, Object> settings = new HashMap<>(mode);
            settings.putAll(DROPS);
            settings.put("jakarta.persistence.schema-generation.scripts.action", "update");
            settings.put("jakarta.persistence.schema-generation.scripts.create-target", script.toString());
            settings.put("hibernate.hbm2ddl.delimiter", "");
            deployer.open("none", BlogVersion.V5.entityArray(), settings).close();
            return Files.readAllLines(script).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create table if not exists (\\w+).*");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?i)create (?:unique )?index if not exists (\\w+).*");
    private static final Pattern ADD_COLUMN = Pattern.compile("(?i)alter table (\\w+) add column (\\w+).*");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?i)alter table (\\w+) drop column (\\w+).*");

    /** Whether the database shows the effect of {@code statement}. */
    private boolean hasEffect(String statement) throws SQLException {
        Matcher m;
        if ((m = CREATE_TABLE.matcher(statement)).matches()) {
            return db().tables().contains(m.group(1).toLowerCase(Locale.ROOT));
        }
        if ((m = CREATE_INDEX.matcher(statement)).matches()) {
            return db().indexes().contains(m.group(1).toLowerCase(Locale.ROOT));
        }
        if ((m = ADD_COLUMN.matcher(statement)).matches()) {
            return db().columns(m.group(1)).contains(m.group(2).toLowerCase(Locale.ROOT));
        }
        if ((m = DROP_COLUMN.matcher(statement)).matches()) {
            return !db().columns(m.group(1)).contains(m.group(2).toLowerCase(Locale.ROOT));
        }
        throw new AssertionError("no effect check for " + statement);
    }

    // --- scenario 5 ------------------------------------------------------------------------------

    @Test
    void scenario5_databaseThatComesUpAfterTheApplicationIsWaitedFor() throws Exception {
        takeDown();
        Duration delay = Duration.ofMillis(1500);
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        try {
            long start = System.nanoTime();
            ScheduledFuture<?> up = starter.schedule(this::bringBack, delay.toMillis(), TimeUnit.MILLISECONDS);
            SchemaReport report = deployer.deploy(
                    "update",
                    BlogVersion.V4.entityArray(),
                    lazyConnections(Map.of(SchemaSettings.WAIT_TIMEOUT, "30s")));
            up.get(30, TimeUnit.SECONDS);
            assertThat(report.failed()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .describedAs("deploy waited for the database")
                    .isGreaterThanOrEqualTo(delay);
            assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
        } finally {
            starter.shutdownNow();
        }
    }

    @Test
    void scenario5_databaseThatNeverComesFailsClearlyAtTheDeadlineWithoutTheToken() {
        takeDown();
        try {
            assertThatThrownBy(() -> deployer.deploy(
                            "update",
                            BlogVersion.V4.entityArray(),
                            lazyConnections(Map.of(
                                    SchemaSettings.WAIT_TIMEOUT,
                                    "1500ms",
                                    "hibernate.connection.username",
                                    "app",
                                    "hibernate.connection.password",
                                    "s3cr3t-token"))))
                    .hasStackTraceContaining("did not answer within 1500 ms")
                    .hasStackTraceContaining(db().jdbcUrl())
                    .hasStackTraceContaining("last error")
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("s3cr3t-token"));
        } finally {
            bringBack();
        }
    }

    /**
     * A database that is not up yet must not fail the application before the schema tool runs: a data
     * source that connects on demand (as application-server data sources do) and no boot-time metadata
     * access (the dialect is explicit).
     */
    private Map<String, Object> lazyConnections(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("hibernate.connection.datasource", new InterceptingDataSource(db(), sql -> {}));
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        return settings;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
