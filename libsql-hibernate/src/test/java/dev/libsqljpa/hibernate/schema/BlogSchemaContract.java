package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hibernate.schema.blog.BadV4;
import dev.libsqljpa.testing.blog.BlogVersion;
import dev.libsqljpa.testing.blog.v1.PostV1;
import dev.libsqljpa.testing.blog.v5.SeriesV5;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema scenarios of docs/architecture.md ("The blog model") on the blog model, for any {@link SchemaDb}. Subclasses
 * provide a fresh database per test method; the ones that control a real server add scenarios 2 and 5.
 */
abstract class BlogSchemaContract {

    static final List<String> POSTS_V5 = List.of(
            "id",
            "title",
            "slug",
            "content",
            "excerpt",
            "tags",
            "published",
            "published_at",
            "inserted_at",
            "updated_at",
            "series_id",
            "subtitle",
            "series_position");
    static final List<String> SERIES_V5 = List.of("id", "title", "slug", "description", "inserted_at", "updated_at");
    static final List<String> IMAGES_V5 = List.of("id", "post_id", "url", "alt", "inserted_at");
    static final Map<String, Object> DROPS = Map.of(SchemaSettings.DROP_UNMAPPED_COLUMNS, "true");

    protected Deployer deployer;

    /** A fresh, running database for the current test. */
    protected abstract SchemaDb db();

    /** Extra settings for the tests where another instance changes the schema under our feet. */
    protected Map<String, Object> racingSettings() {
        return Map.of();
    }

    @BeforeEach
    void newDeployer() {
        deployer = new Deployer(this::db);
    }

    // --- scenario 1 ------------------------------------------------------------------------------

    @Test
    void scenario1_v1ToV5InOrderEndsWithExactlyTheExpectedColumnsAndKeepsData() throws Exception {
        SchemaReport v1 = deployer.deploy("update", BlogVersion.V1.entityArray());
        assertThat(v1.applied())
                .anySatisfy(s -> assertThat(s).startsWithIgnoringCase("create table if not exists posts"));
        assertThat(v1.applied())
                .anySatisfy(s -> assertThat(s).startsWithIgnoringCase("create index if not exists posts_slug_idx"));
        try (SessionFactory sf = deployer.open("none", BlogVersion.V1.entityArray(), Map.of())) {
            PostV1 post = new PostV1();
            post.title = "Hello";
            post.slug = "hello";
            post.published = true;
            post.insertedAt = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
            sf.inTransaction(session -> session.persist(post));
        }

        deployer.deploy("update", BlogVersion.V2.entityArray());
        db().exec(
                        "insert into series (title, slug, published, inserted_at) values ('S', 's', 1, '2024-01-01 00:00:00')");
        SchemaReport v3 = deployer.deploy("update", BlogVersion.V3.entityArray());
        assertThat(v3.applied())
                .singleElement()
                .satisfies(s -> assertThat(s).containsIgnoringCase("add column series_id"));
        SchemaReport v4 = deployer.deploy("update", BlogVersion.V4.entityArray());
        assertThat(v4.applied())
                .hasSize(2)
                .anySatisfy(s -> assertThat(s)
                        .describedAs("NOT NULL column added to a table with rows gets a type-derived default")
                        .containsIgnoringCase("add column series_position")
                        .contains("default 0")
                        .containsIgnoringCase("not null"));
        SchemaReport v5 = deployer.deploy("update", BlogVersion.V5.entityArray(), DROPS);
        assertThat(v5.applied()).anySatisfy(s -> assertThat(s).containsIgnoringCase("drop column published"));
        assertThat(v5.failed()).isFalse();

        assertThat(db().tables()).containsExactlyInAnyOrder("posts", "series", "images");
        assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
        assertThat(db().columns("series")).containsExactlyInAnyOrderElementsOf(SERIES_V5);
        assertThat(db().columns("images")).containsExactlyInAnyOrderElementsOf(IMAGES_V5);
        assertThat(db().indexes()).contains("posts_slug_idx", "images_post_id_idx");
        assertThat(db().strings("select title || '/' || series_position from posts"))
                .containsExactly("Hello/0");
        assertThat(db().strings("select title from series")).containsExactly("S");

        SchemaReport again = deployer.deploy("update", BlogVersion.V5.entityArray(), DROPS);
        assertThat(again.entries())
                .describedAs("an up-to-date schema needs no statement")
                .isEmpty();
        try (SessionFactory sf = deployer.open("validate", BlogVersion.V5.entityArray(), Map.of())) {
            SeriesV5 series = new SeriesV5();
            series.title = "T";
            series.slug = "t";
            series.insertedAt = LocalDateTime.now();
            sf.inTransaction(session -> session.persist(series));
        }
    }

    @Test
    void withoutTheDropSettingUpdateNeverDropsAColumn() throws Exception {
        deployer.deploy("update", BlogVersion.V4.entityArray());
        SchemaReport v5 = deployer.deploy("update", BlogVersion.V5.entityArray());
        assertThat(v5.applied()).noneSatisfy(s -> assertThat(s).containsIgnoringCase("drop"));
        assertThat(db().columns("series")).contains("published");
    }

    // --- scenario 3 ------------------------------------------------------------------------------

    @Test
    void scenario3_columnAddedByHandBeforeTheDeployIsNotAddedAgain() throws Exception {
        deployer.deploy("update", BlogVersion.V3.entityArray());
        db().exec("alter table posts add column subtitle varchar(255)");
        SchemaReport v4 = deployer.deploy("update", BlogVersion.V4.entityArray());
        assertThat(v4.failed()).isFalse();
        assertThat(v4.applied()).singleElement().satisfies(s -> assertThat(s).containsIgnoringCase("series_position"));
        assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
    }

    @Test
    void scenario3_columnAddedConcurrentlyIsSkippedAsBenignAndLogged() throws Exception {
        deployer.deploy("update", BlogVersion.V3.entityArray());
        AtomicBoolean done = new AtomicBoolean();
        InterceptingDataSource racing = new InterceptingDataSource(db(), sql -> {
            if (sql.toLowerCase().contains("add column subtitle") && done.compareAndSet(false, true)) {
                db().exec("alter table posts add column subtitle varchar(255)");
            }
        });
        Map<String, Object> settings = new HashMap<>(dataSource(racing));
        settings.putAll(racingSettings());
        SchemaReport v4 = deployer.deploy("update", BlogVersion.V4.entityArray(), settings);
        assertThat(v4.failed()).isFalse();
        assertThat(v4.entries()).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(SchemaReport.Outcome.SKIPPED_BENIGN);
            assertThat(e.sql()).containsIgnoringCase("add column subtitle");
            assertThat(e.detail()).contains("duplicate column name");
        });
        assertThat(v4.applied()).anySatisfy(s -> assertThat(s).containsIgnoringCase("series_position"));
        assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
    }

    // --- scenario 4 ------------------------------------------------------------------------------

    @Test
    void scenario4_columnToDropThatIsAlreadyGoneIsSkippedAsBenign() throws Exception {
        deployer.deploy("update", BlogVersion.V4.entityArray());
        AtomicBoolean done = new AtomicBoolean();
        InterceptingDataSource racing = new InterceptingDataSource(db(), sql -> {
            if (sql.toLowerCase().contains("drop column published") && done.compareAndSet(false, true)) {
                db().exec("alter table series drop column published");
            }
        });
        Map<String, Object> settings = new HashMap<>(dataSource(racing));
        settings.putAll(DROPS);
        settings.putAll(racingSettings());
        SchemaReport v5 = deployer.deploy("update", BlogVersion.V5.entityArray(), settings);
        assertThat(v5.failed()).isFalse();
        assertThat(v5.entries()).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(SchemaReport.Outcome.SKIPPED_BENIGN);
            assertThat(e.sql()).containsIgnoringCase("drop column published");
            assertThat(e.detail()).contains("no such column");
        });
        assertThat(db().columns("series")).containsExactlyInAnyOrderElementsOf(SERIES_V5);
        assertThat(db().columns("images")).containsExactlyInAnyOrderElementsOf(IMAGES_V5);
    }

    // --- scenario 6 ------------------------------------------------------------------------------

    @Test
    void scenario6_twoInstancesDeployingV4AtTheSameMomentBothSucceedWithOneSchema() throws Exception {
        deployer.deploy("update", BlogVersion.V3.entityArray());
        db().exec(
                        "insert into posts (title, slug, published, inserted_at) values ('A', 'a', 0, '2024-01-01 00:00:00')");
        deployTwiceAtOnce(BlogVersion.V4.entityArray());
        assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
        assertThat(db().strings("select title from posts")).containsExactly("A");
    }

    @Test
    void scenario6_twoInstancesCreatingTheWholeSchemaAtOnceBothSucceed() throws Exception {
        deployTwiceAtOnce(BlogVersion.V5.entityArray());
        assertThat(db().tables()).containsExactlyInAnyOrder("posts", "series", "images");
        assertThat(db().columns("posts")).containsExactlyInAnyOrderElementsOf(POSTS_V5);
    }

    private void deployTwiceAtOnce(Class<?>[] entities) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SchemaReport>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Deployer instance = new Deployer(this::db);
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.deploy("update", entities);
                }));
            }
            start.countDown();
            for (Future<SchemaReport> result : results) {
                SchemaReport report = result.get(60, TimeUnit.SECONDS);
                assertThat(report.failed())
                        .describedAs(report.entries().toString())
                        .isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- negative --------------------------------------------------------------------------------

    @Test
    void anUnrelatedErrorDuringUpdateFailsTheDeploymentAndNamesTheStatement() throws Exception {
        deployer.deploy("update", BlogVersion.V1.entityArray());
        assertThatThrownBy(() -> deployer.deploy("update", BadV4.ENTITIES))
                .hasStackTraceContaining("add column subtitle")
                .hasStackTraceContaining("UNIQUE");
        SchemaReport report = deployer.reports.get(deployer.reports.size() - 1);
        assertThat(report.failed()).isTrue();
        assertThat(report.failedStatements())
                .singleElement()
                .satisfies(s -> assertThat(s).containsIgnoringCase("subtitle"));
        assertThat(db().columns("posts")).doesNotContain("subtitle");
    }

    @Test
    void withHaltOnErrorFalseTheFailureIsReportedAndTheDeploymentContinues() throws Exception {
        deployer.deploy("update", BlogVersion.V1.entityArray());
        SchemaReport report =
                deployer.deploy("update", BadV4.ENTITIES, Map.of("hibernate.hbm2ddl.halt_on_error", "false"));
        assertThat(report.failedStatements())
                .singleElement()
                .satisfies(s -> assertThat(s).containsIgnoringCase("subtitle"));
    }

    @Test
    void aToleratedMessageOnTheWrongStatementIsNotTolerated() throws Exception {
        deployer.deploy("update", BlogVersion.V3.entityArray());
        InterceptingDataSource lying = new InterceptingDataSource(db(), sql -> {
            if (sql.toLowerCase().contains("add column subtitle")) {
                throw new SQLException("SQLite error: duplicate column name: series_position");
            }
        });
        assertThatThrownBy(() -> deployer.deploy("update", BlogVersion.V4.entityArray(), dataSource(lying)))
                .hasStackTraceContaining("add column subtitle")
                .hasStackTraceContaining("duplicate column name: series_position");
    }

    // --- validate, create, drop, scripts ---------------------------------------------------------

    @Test
    void validateReportsEveryDifference() throws Exception {
        deployer.deploy("update", BlogVersion.V3.entityArray());
        assertThatThrownBy(() -> deployer.deploy("validate", BlogVersion.V5.entityArray()))
                .hasMessageContaining("missing table [images]")
                .hasMessageContaining("missing column [posts.subtitle]")
                .hasMessageContaining("missing column [posts.series_position]");
        deployer.deploy("validate", BlogVersion.V3.entityArray());
    }

    @Test
    void createCanBeRepeatedAndCreateDropDropsAtClose() throws Exception {
        SchemaReport first = deployer.deploy("create", BlogVersion.V5.entityArray());
        assertThat(first.applied())
                .allSatisfy(s -> assertThat(s.toLowerCase())
                        .matches("(create (unique )?(table|index) if not exists|drop table if exists).*"));
        SchemaReport second = deployer.deploy("create", BlogVersion.V5.entityArray());
        assertThat(second.failed()).isFalse();
        assertThat(db().tables()).containsExactlyInAnyOrder("posts", "series", "images");

        int before = deployer.reports.size();
        deployer.open("create-drop", BlogVersion.V5.entityArray(), Map.of()).close();
        assertThat(deployer.reports.subList(before, deployer.reports.size())).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("delayed-drop");
            assertThat(r.applied()).anySatisfy(s -> assertThat(s).startsWithIgnoringCase("drop table if exists"));
        });
        assertThat(db().tables()).isEmpty();
    }

    @Test
    void dropAndCreateSucceedsWhileRowsReferenceEachOther() throws Exception {
        deployer.deploy("update", BlogVersion.V5.entityArray());
        db().exec(
                        "insert into posts (title, slug, published, inserted_at, series_position) "
                                + "values ('A', 'a', 0, '2024-01-01 00:00:00', 0)",
                        "insert into images (post_id, url, inserted_at) values (1, 'u', '2024-01-01 00:00:00')");
        SchemaReport report = deployer.deploy("create", BlogVersion.V5.entityArray());
        assertThat(report.failed()).isFalse();
        assertThat(db().strings("select count(*) from posts")).containsExactly("0");
        assertThat(db().tables()).containsExactlyInAnyOrder("posts", "series", "images");
    }

    @Test
    void scriptGenerationUsesTheSameForms(@TempDir Path dir) throws Exception {
        deployer.deploy("update", BlogVersion.V3.entityArray());
        Path create = dir.resolve("create.sql");
        Path drop = dir.resolve("drop.sql");
        Map<String, Object> scripts = Map.of(
                "jakarta.persistence.schema-generation.scripts.action", "drop-and-create",
                "jakarta.persistence.schema-generation.scripts.create-target", create.toString(),
                "jakarta.persistence.schema-generation.scripts.drop-target", drop.toString());
        deployer.open("none", BlogVersion.V5.entityArray(), scripts).close();
        assertThat(Files.readString(create).toLowerCase())
                .contains("create table if not exists posts", "create index if not exists images_post_id_idx");
        assertThat(Files.readString(drop).toLowerCase()).contains("drop table if exists images");

        Path update = dir.resolve("update.sql");
        Map<String, Object> updateScript = Map.of(
                "jakarta.persistence.schema-generation.scripts.action",
                "update",
                "jakarta.persistence.schema-generation.scripts.create-target",
                update.toString());
        deployer.open("none", BlogVersion.V5.entityArray(), updateScript).close();
        assertThat(Files.readString(update).toLowerCase())
                .contains("create table if not exists images", "add column series_position integer default 0 not null");
        assertThat(db().tables()).describedAs("scripts only").doesNotContain("images");
    }

    static Map<String, Object> dataSource(DataSource dataSource) {
        return Map.of("hibernate.connection.datasource", dataSource);
    }
}
