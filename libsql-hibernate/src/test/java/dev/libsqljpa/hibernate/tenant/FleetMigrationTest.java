package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hibernate.schema.SchemaSettings;
import dev.libsqljpa.testing.blog.BlogVersion;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blog v4 → v5 over a fleet of tenant databases on one testkit, one tenant deliberately broken. The
 * tenant count is 200 (system property {@code libsql.fleet.tenants} to change it, e.g. 1000 by hand).
 */
class FleetMigrationTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private static final int TENANTS = Integer.getInteger("libsql.fleet.tenants", 200);
    private static final String BROKEN = "tenant-7";
    private static final String DROP = "alter table series drop column published";
    private static final String CREATE_IMAGES = "create table if not exists images";

    private static final Logger LOG = Logger.getLogger(FleetMigrationTest.class);

    private final Tenancy tenancy = new Tenancy();

    private SessionFactory open(LibsqlTestServer server, Class<?>[] entities) {
        return tenancy.open(
                Map.of(
                        TenantSettings.URL_TEMPLATE,
                        "jdbc:libsql:" + server.url() + "/dev/{tenant}",
                        SchemaSettings.DROP_UNMAPPED_COLUMNS,
                        "true"),
                entities);
    }

    private static List<String> tenants() {
        return IntStream.range(0, TENANTS).mapToObj(i -> "tenant-" + i).toList();
    }

    private FleetMigration.FleetReport run(SessionFactory sf, List<FleetMigration.Progress> progress) throws Exception {
        FleetMigration.FleetReport report = FleetMigration.builder(sf)
                .tenants(tenants())
                .parallelism(8)
                .progressInterval(Duration.ZERO)
                .progress(progress::add)
                .build()
                .run();
        // The numbers docs/multi-tenancy.md quotes (run with -Dlibsql.fleet.tenants=1000).
        LOG.infof(
                "fleet run: %s (%.0f tenants/s)",
                report.summary(), TENANTS / (report.elapsed().toNanos() / 1e9));
        return report;
    }

    @Test
    void v4ToV5AcrossTheFleetContinuesPastTheBrokenTenantAndRerunsConverge() throws Exception {
        LibsqlTestServer server = libsql.server();
        try (SessionFactory v4 = open(server, BlogVersion.V4.entityArray())) {
            FleetMigration.FleetReport created = run(v4, new ArrayList<>());
            assertThat(created.count(FleetMigration.Status.MIGRATED))
                    .describedAs(created.summary())
                    .isEqualTo(TENANTS);
        }
        // Broken tenant: an index named "images" makes SQLite refuse v5's new table of that name.
        try (Connection c = DriverManager.getConnection("jdbc:libsql:" + server.url(BROKEN))) {
            c.createStatement().execute("create index images on posts (title)");
        }

        List<FleetMigration.Progress> progress = new ArrayList<>();
        try (SessionFactory v5 = open(server, BlogVersion.V5.entityArray())) {
            FleetMigration.FleetReport first = run(v5, progress);
            assertThat(first.count(FleetMigration.Status.MIGRATED))
                    .describedAs(first.summary())
                    .isEqualTo(TENANTS - 1);
            assertThat(first.failures()).hasSize(1);
            FleetMigration.TenantResult broken = first.failures().get(0);
            assertThat(broken.tenant()).isEqualTo(BROKEN);
            assertThat(broken.failedStatement()).startsWith(CREATE_IMAGES);
            assertThat(broken.error()).contains("there is already an index named images");
            assertThat(broken.applied())
                    .describedAs("applied: the batch failed as a whole, the replay stopped at" + " the first statement")
                    .isEmpty();
            FleetMigration.TenantResult other = first.results().get(0);
            assertThat(other.applied())
                    .describedAs("v5 on a healthy tenant")
                    .anySatisfy(s -> assertThat(s).isEqualTo(DROP))
                    .anySatisfy(s -> assertThat(s).startsWith("create table if not exists images"));
            assertThat(progress)
                    .describedAs("a progress call per tenant (interval 0)")
                    .hasSize(TENANTS);
            FleetMigration.Progress last = progress.get(progress.size() - 1);
            assertThat(last.done()).isEqualTo(TENANTS);
            assertThat(last.failed()).isEqualTo(1);
            assertThat(last.remaining()).isZero();
            assertThat(last.line()).startsWith("fleet migration: " + TENANTS + " done, 1 failed, 0 remaining, ");
        }
        assertThat(Tenancy.rows(
                        "jdbc:libsql:" + server.url("tenant-0"),
                        "select name from pragma_table_info('series') where name = 'published'"))
                .isEmpty();

        // Rerun in a new "process" (new session factory): nothing applied, the broken tenant fails the same way.
        server.counters().reset();
        try (SessionFactory v5 = open(server, BlogVersion.V5.entityArray())) {
            FleetMigration.FleetReport second = run(v5, new ArrayList<>());
            assertThat(second.count(FleetMigration.Status.UP_TO_DATE))
                    .describedAs(second.summary())
                    .isEqualTo(TENANTS - 1);
            assertThat(second.results())
                    .filteredOn(r -> r.status() != FleetMigration.Status.FAILED)
                    .allSatisfy(r -> assertThat(r.applied()).isEmpty());
            assertThat(second.failures())
                    .singleElement()
                    .satisfies(r -> assertThat(r.failedStatement()).startsWith(CREATE_IMAGES));
            LOG.infof(
                    "fleet rerun: %d HTTP requests for %d tenants",
                    server.counters().httpRequests(), TENANTS);
            assertThat(server.counters().namespace("tenant-0").pipelineRequests())
                    .describedAs("pipeline requests for an up-to-date tenant in a new process: the server detection"
                            + " and the readiness probe (which is the metadata query)")
                    .isEqualTo(2);
            assertThat(server.counters().httpRequests()
                            - server.counters().namespace(BROKEN).pipelineRequests())
                    .describedAs(
                            "HTTP requests for %d up-to-date tenants: the server detection and the readiness"
                                    + " probe (which is the metadata query) each",
                            TENANTS - 1)
                    .isEqualTo(2L * (TENANTS - 1));
        }

        // Repair the broken tenant: the next rerun applies exactly the drop there, nothing elsewhere.
        try (Connection c = DriverManager.getConnection("jdbc:libsql:" + server.url(BROKEN))) {
            c.createStatement().execute("drop index images");
        }
        try (SessionFactory v5 = open(server, BlogVersion.V5.entityArray())) {
            FleetMigration.FleetReport third = run(v5, new ArrayList<>());
            assertThat(third.failures()).isEmpty();
            assertThat(third.count(FleetMigration.Status.MIGRATED)).isEqualTo(1);
            assertThat(third.results())
                    .filteredOn(r -> r.tenant().equals(BROKEN))
                    .singleElement()
                    .satisfies(r -> assertThat(r.applied())
                            .hasSize(3)
                            .anySatisfy(sql -> assertThat(sql).startsWith(CREATE_IMAGES))
                            .contains(DROP));
            server.counters().reset();
            FleetMigration.FleetReport fourth = run(v5, new ArrayList<>());
            assertThat(fourth.count(FleetMigration.Status.UP_TO_DATE))
                    .describedAs(fourth.summary())
                    .isEqualTo(TENANTS);
            assertThat(server.counters().httpRequests())
                    .describedAs(
                            "HTTP requests for %d up-to-date tenants in a"
                                    + " process that already detected their servers: the readiness probe, which is the metadata query",
                            TENANTS)
                    .isEqualTo(TENANTS);
        }
    }

    @Test
    void invalidTenantIdsInTheListAreReportedAndCostNoRequest(@TempDir Path dir) throws Exception {
        LibsqlTestServer server = libsql.server();
        Path file = dir.resolve("tenants.txt");
        Files.writeString(file, "# fleet\nalpha\n\nevil.com/x\nBeta\n");
        try (SessionFactory sf = open(server, BlogVersion.V4.entityArray())) {
            FleetMigration.FleetReport report =
                    FleetMigration.builder(sf).tenantsFile(file).build().run();
            assertThat(report.results())
                    .extracting(FleetMigration.TenantResult::tenant)
                    .containsExactly("alpha", "evil.com/x", "Beta");
            assertThat(report.results())
                    .extracting(FleetMigration.TenantResult::status)
                    .containsExactly(
                            FleetMigration.Status.MIGRATED, FleetMigration.Status.FAILED, FleetMigration.Status.FAILED);
            assertThat(report.failures()).allSatisfy(r -> assertThat(r.error()).contains(TenantIds.RULE));
            assertThat(server.counters().httpRequests())
                    .describedAs("requests: only alpha's (its server detection included)")
                    .isEqualTo(server.counters().namespace("alpha").pipelineRequests());
        }
    }

    @Test
    void theCommandLineMigratesTheListedTenantsAndExitsWithOneWhenOneFailed(@TempDir Path dir) throws Exception {
        LibsqlTestServer server = libsql.server();
        Path file = dir.resolve("tenants.txt");
        Files.writeString(file, "north\nsouth\nNorth\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FleetMigrationMain.run(
                new String[] {
                    "--persistence-unit",
                    "tenants",
                    "--tenants",
                    file.toString(),
                    "--parallelism",
                    "2",
                    "--set",
                    TenantSettings.URL_TEMPLATE + "=jdbc:libsql:" + server.url() + "/dev/{tenant}"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(status).describedAs("exit status; output:%n%s", output).isEqualTo(1);
        List<String> lines = output.lines().toList();
        assertThat(lines).describedAs("standard output").hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo("FAILED North: libSQL multi-tenancy: Invalid tenant id 'North': character 'N'"
                        + " at index 0 is not allowed (" + TenantIds.RULE + ")");
        assertThat(lines.get(1)).startsWith("3 tenants: 2 migrated, 0 up to date, 1 failed in ");
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .describedAs("progress lines")
                .last()
                .asString()
                .startsWith("fleet migration: 3 done, 1 failed, 0 remaining, ");
        assertThat(Tenancy.rows(
                        "jdbc:libsql:" + server.url("south"), "select name from sqlite_schema where name = 'notes'"))
                .containsExactly("notes");
    }

    @Test
    void theCommandLineRejectsMissingArgumentsWithStatusTwo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FleetMigrationMain.run(
                new String[] {"--tenants"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("fleet migration: --tenants needs a value")
                .contains("usage: FleetMigrationMain --persistence-unit NAME --tenants FILE");
    }
}
