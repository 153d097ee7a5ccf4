package dev.libsqljpa.examples.blog.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user does and checks the facts its report prints against the database file. */
class BlogAppTest {

    private static final Pattern STEP = Pattern.compile("^ {3}(.+?)\\s+(\\d+) requests?\\s+\\d+ ms$");

    @TempDir
    Path dir;

    @Test
    void runPrintsTheReportAndWritesWhatItSays() throws Exception {
        Path db = dir.resolve("blog.db");

        Run first = run(Map.of(), "run", "--db", db.toString());

        assertThat(first.status).describedAs(first.err).isZero();
        assertThat(first.out)
                .contains(
                        "== Schema",
                        "== Writes",
                        "== Reads",
                        "== Update",
                        "== Totals",
                        "rows: posts=4, series=1, images=3 (run #1 on this database)");
        assertThat(first.out)
                .containsPattern("applied +create table if not exists \"?posts\"?")
                .containsPattern("libSQL schema update done: \\d+ applied, 0 skipped as benign, 0 failed");
        assertThat(first.requests("find a post by id")).isEqualTo(1);
        // IDENTITY ids: one request per insert (1 series + 4 posts + 3 images, BEGIN riding the first), + COMMIT.
        assertThat(first.requests("persist 1 series, 4 posts, 3 images (one transaction)"))
                .isEqualTo(9);
        assertThat(first.requests("latest 5 published posts with their series (join fetch)"))
                .isEqualTo(1);
        assertThat(count(db, "posts")).isEqualTo(4);
        assertThat(count(db, "images")).isEqualTo(3);
        assertThat(count(db, "posts where published")).isEqualTo(4);

        Run second = run(Map.of(), "--db", db.toString());

        assertThat(second.status).describedAs(second.err).isZero();
        assertThat(second.out)
                .contains(
                        "rows: posts=8, series=2, images=6 (run #2 on this database)",
                        "libSQL schema update done: 0 applied, 0 skipped as benign, 0 failed");
        assertThat(count(db, "posts")).isEqualTo(8);
    }

    @Test
    void replayWithFlywayAppliesV1ToV5AsMigrationsThatTheModelValidates() throws Exception {
        Path db = dir.resolve("flyway.db");

        Run replay = run(Map.of(), "replay", "--flyway", "--db", db.toString());

        assertThat(replay.status).describedAs(replay.err).isZero();
        assertThat(replay.out)
                .containsSubsequence(
                        "Flyway: 1 migration(s) applied, schema at v1", "Flyway: 1 migration(s) applied, schema at v2",
                        "Flyway: 1 migration(s) applied, schema at v3", "Flyway: 1 migration(s) applied, schema at v4",
                        "Flyway: 1 migration(s) applied, schema at v5", "Flyway: 0 migration(s) applied, schema at v5");
        assertThat(replay.out).doesNotContain("libSQL schema update done");
        assertThat(count(db, "flyway_schema_history where success")).isEqualTo(5);
        assertThat(count(db, "posts")).isEqualTo(4);
        assertThat(count(db, "series")).isEqualTo(1);
        assertThat(count(db, "images")).isEqualTo(1);
        assertThat(count(db, "pragma_table_info('series') where name = 'published'"))
                .isZero();
    }

    @Test
    void replayWalksV1ToV5AndTheRerunWritesNothing() throws Exception {
        Path db = dir.resolve("replay.db");

        Run replay = run(Map.of(), "replay", "--db", db.toString());

        assertThat(replay.status).describedAs(replay.err).isZero();
        assertThat(replay.out)
                .containsSubsequence(
                        "Deploy v1",
                        "Deploy v2",
                        "Deploy v3",
                        "Deploy v4",
                        "Deploy v5",
                        "Deploy v5 again",
                        "Final schema");
        assertThat(columns(db, "posts"))
                .containsExactlyInAnyOrder(
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
        assertThat(columns(db, "images")).containsExactlyInAnyOrder("id", "post_id", "url", "alt", "inserted_at");
        assertThat(columns(db, "series"))
                .describedAs("v5 dropped series.published (opt-in drops are on)")
                .containsExactlyInAnyOrder("id", "title", "slug", "description", "inserted_at", "updated_at");
        String rerun = replay.out.substring(replay.out.indexOf("Deploy v5 again"));
        assertThat(rerun)
                .contains("libSQL schema update done: 0 applied, 0 skipped as benign, 0 failed")
                .doesNotContain("applied  ");
        // one row written by v1, v3, v4 and v5 each; v5's post has one image
        assertThat(count(db, "posts")).isEqualTo(4);
        assertThat(count(db, "images")).isEqualTo(1);
        assertThat(count(db, "posts where series_id is not null")).isEqualTo(1);
    }

    @Test
    void libsqlUrlSelectsARemoteServerAndItsToken() throws Exception {
        Path db = dir.resolve("remote.db");
        try (LibsqlTestServer server = LibsqlTestServer.builder()
                .databaseFile(db)
                .authToken("s3cret-token")
                .start()) {
            Run ok = run(Map.of("LIBSQL_URL", "jdbc:libsql:" + server.url(), "LIBSQL_AUTH_TOKEN", "s3cret-token"));

            assertThat(ok.status).describedAs(ok.err).isZero();
            assertThat(ok.out)
                    .contains(
                            "target: remote server jdbc:libsql:" + server.url(),
                            "n/a (remote)",
                            "rows: posts=4, series=1, images=3");
            assertThat(ok.out + ok.err).doesNotContain("s3cret-token");
            assertThat(server.counters().pipelineRequests()).isPositive();

            Run denied = run(Map.of("LIBSQL_URL", "jdbc:libsql:" + server.url(), "LIBSQL_AUTH_TOKEN", "wrong-token"));

            assertThat(denied.status).isEqualTo(1);
            assertThat(denied.err).contains("blog example failed").doesNotContain("wrong-token");
        }
        assertThat(count(db, "posts")).isEqualTo(4);
    }

    @Test
    void unknownArgumentsAreRefusedWithUsageHint() {
        Run run = run(Map.of(), "--bogus");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("unknown argument '--bogus'", "--help");
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = BlogApp.run(args, env, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Reads the database file directly with SQLite, independent of the driver under test. */
    private static long count(Path db, String tableAndFilter) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + tableAndFilter)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> columns(Path db, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name from pragma_table_info('" + table + "')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private record Run(int status, String out, String err) {
        long requests(String label) {
            for (String line : out.split("\\R")) {
                Matcher m = STEP.matcher(line);
                if (m.matches() && m.group(1).equals(label)) {
                    return Long.parseLong(m.group(2));
                }
            }
            throw new AssertionError("no step '" + label + "' in the report:\n" + out);
        }
    }
}
