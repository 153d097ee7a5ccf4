package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import dev.libsqljpa.testing.blog.BlogVersion;

/**
 * The scenarios that need a real server process under the test's control: an interrupted deploy
 * (scenario 2) and a database that comes up late or never (scenario 5). Runs through the libSQL driver.
 */
abstract class ServerBlogSchemaContract extends BlogSchemaContract {

    /** Makes the server die around the statement about to run (before or after executing it). */
    protected abstract void crash();

    /** Brings the crashed or stopped server back on the same port and data. */
    protected abstract void bringBack();

    /** Stops the server; {@link #bringBack()} starts it again on the same port and data. */
    protected abstract void takeDown();

    // --- scenario 2 ------------------------------------------------------------------------------

    @Test
    void scenario2_serverDiesBetweenStatementsOfAStepAndTheRerunConverges() throws Exception {
        interruptedDeployConverges(Map.of(SchemaSettings.BATCH, "false"));
    }

    @Test
    void scenario2_serverDiesDuringTheBatchOfAStepAndTheRerunConverges() throws Exception {
        interruptedDeployConverges(Map.of());
    }

    private void interruptedDeployConverges(Map<String, Object> extra) throws Exception {
        deployer.deploy("update", BlogVersion.V3.entityArray());
        db().exec("insert into posts (title, slug, published, inserted_at) values ('A', 'a', 0, '2024-01-01 00:00:00')");
        AtomicBoolean crashed = new AtomicBoolean();
        InterceptingDataSource dying = new InterceptingDataSource(db(), sql -> {
            if (sql.toLowerCase(Locale.ROOT).contains("create table if not exists images")
                    && crashed.compareAndSet(false, true)) {
                crash();
            }
        });
        Map<String, Object> settings = new HashMap<>(extra);
        settings.putAll(DROPS);
        settings.put(SchemaSettings.WAIT_TIMEOUT, "0");
        settings.put("hibernate.connection.datasource", dying);
        assertThatThrownBy(() -> deployer.deploy("update", BlogVersion.V5.entityArray(), settings))
                .describedAs("the interrupted deploy fails")
                .isInstanceOf(RuntimeException.class);
        assertThat(crashed).isTrue();
        bringBack();

        Map<String, Object> rerun = new HashMap<>(extra);
        rerun.putAll(DROPS);
        SchemaReport report = deployer.deploy("update", BlogVersion.V5.entityArray(), rerun);
        assertThat(report.failed()).isFalse();
        assertThat(db().tables()).containsExactlyInAnyOrder("posts", "series", "images");
        assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
        assertThat(db().columns("series")).containsExactlyInAnyOrderElementsOf(SERIES_V5);
        assertThat(db().columns("images")).containsExactlyInAnyOrderElementsOf(IMAGES_V5);
        assertThat(db().strings("select title || '/' || series_position from posts")).containsExactly("A/0");
        assertThat(deployer.deploy("update", BlogVersion.V5.entityArray(), rerun).entries()).isEmpty();
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
            SchemaReport report = deployer.deploy("update", BlogVersion.V4.entityArray(), lazyConnections(Map.of(SchemaSettings.WAIT_TIMEOUT, "30s")));
            up.get(30, TimeUnit.SECONDS);
            assertThat(report.failed()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).describedAs("deploy waited for the database")
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
            assertThatThrownBy(() -> deployer.deploy("update", BlogVersion.V4.entityArray(), lazyConnections(Map.of(
                    SchemaSettings.WAIT_TIMEOUT, "1500ms",
                    "hibernate.connection.username", "app", "hibernate.connection.password", "s3cr3t-token"))))
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
        settings.put("hibernate.connection.datasource", new InterceptingDataSource(db(), sql -> { }));
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        return settings;
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
