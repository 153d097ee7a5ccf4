package dev.libsqljpa.examples.blog.app;

import dev.libsqljpa.examples.blog.history.PostV1;
import dev.libsqljpa.examples.blog.history.PostV3;
import dev.libsqljpa.examples.blog.history.PostV4;
import dev.libsqljpa.examples.blog.history.SeriesV2;
import dev.libsqljpa.examples.blog.model.Post;
import dev.libsqljpa.hibernate.schema.SchemaReport;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Replays the blog's deployment history: model v1 to v5, each deployed with
 * {@code hibernate.hbm2ddl.auto=update} on the database the previous one left, each adding a row
 * of its own shape; then v5 once more, which must apply nothing.
 */
final class Replay {

    /** Where the Flyway form of the history lives (V1__… to V5__…). */
    static final String FLYWAY_LOCATION = "classpath:db/blog-history";

    private final Target target;
    private final Report report;
    private final boolean flyway;

    /**
     * @param flyway false: each version's schema is applied by the schema tool ({@code update}); true: by
     *               Flyway migrations up to that version, and the application only validates it
     */
    Replay(Target target, Report report, boolean flyway) {
        this.target = target;
        this.report = report;
        this.flyway = flyway;
    }

    void run() {
        deploy(1, "v1: posts", em -> {
            PostV1 post = new PostV1();
            post.title = "Hello, libSQL";
            post.slug = "hello-libsql";
            em.persist(post);
        });
        deploy(2, "v2: + series", em -> em.persist(series("Replaying history", "replaying-history")));
        deploy(3, "v3: + posts.series_id -> series", em -> {
            PostV3 post = new PostV3();
            post.title = "Linked to a series";
            post.slug = "linked";
            post.series = em.createQuery("select s from SeriesV2 s where s.slug = 'replaying-history'", SeriesV2.class)
                    .getSingleResult();
            em.persist(post);
        });
        deploy(4, "v4: + posts.subtitle, posts.series_position", em -> {
            PostV4 post = new PostV4();
            post.title = "With a subtitle";
            post.slug = "subtitled";
            post.subtitle = "and a position";
            post.seriesPosition = 2;
            em.persist(post);
        });
        deploy(5, "v5: - series.published, + images", em -> {
            Post post = new Post("With an image", "with-image", "v5 content");
            post.addImage("https://example.com/v5.png", "v5");
            em.persist(post);
        });
        deploy(5, "v5 again: nothing to apply", em -> {});

        report.title("Final schema");
        try (BlogDatabase db = BlogDatabase.open("blog", target, schema -> {})) {
            for (String table : List.of("posts", "series", "images")) {
                List<?> columns =
                        db.read(em -> em.createNativeQuery("select name from pragma_table_info(?1) order by cid")
                                .setParameter(1, table)
                                .getResultList());
                long rows = db.read(em -> ((Number) em.createNativeQuery("select count(*) from " + table)
                                .getSingleResult())
                        .longValue());
                report.line(table + " (" + rows + " rows): "
                        + String.join(
                                ", ", columns.stream().map(String::valueOf).toList()));
            }
        }
    }

    private void deploy(int version, String label, Consumer<EntityManager> write) {
        String unit = version == 5 ? "blog" : "blog-v" + version;
        report.title("Deploy " + label + " (persistence unit '" + unit + "')");
        List<SchemaReport> schema = new ArrayList<>();
        if (flyway) {
            MigrateResult migrated = report.measure(
                    "Flyway migrate to v" + version,
                    () -> Flyway.configure()
                            .dataSource(target.jdbcUrl(), "", target.authToken())
                            .locations(FLYWAY_LOCATION)
                            .target(String.valueOf(version))
                            .load()
                            .migrate());
            report.line("Flyway: " + migrated.migrationsExecuted + " migration(s) applied, schema at v"
                    + (migrated.targetSchemaVersion != null ? migrated.targetSchemaVersion : version));
        }
        BlogDatabase db = report.measure(
                flyway ? "start EntityManagerFactory + schema validate" : "start EntityManagerFactory + schema update",
                () -> flyway
                        ? BlogDatabase.openValidating(unit, target)
                        : BlogDatabase.open(unit, target, schema::add));
        try (db) {
            schema.forEach(report::schema);
            report.measure("write one row of this version", () -> db.inTransactionDo(write));
        }
    }

    private static SeriesV2 series(String title, String slug) {
        SeriesV2 series = new SeriesV2();
        series.title = title;
        series.slug = slug;
        return series;
    }
}
