package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hibernate.schema.SchemaReport;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One database per tenant through the URL template, on the testkit ({@code /dev/<tenant>} namespaces). */
class TenantProviderTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private final Tenancy tenancy = new Tenancy();

    private static String template(LibsqlTestServer server) {
        return "jdbc:libsql:" + server.url() + "/dev/{tenant}";
    }

    private SessionFactory open(LibsqlTestServer server, Map<String, Object> extra) {
        HashMap<String, Object> settings = new HashMap<>();
        settings.put(TenantSettings.URL_TEMPLATE, template(server));
        settings.put(TenantSettings.SCHEMA_ACTION, "update");
        settings.putAll(extra);
        return tenancy.open(settings, Note.class);
    }

    private static String tenant(int i) {
        return "tenant-" + i;
    }

    @Test
    void fiftyTenantsEachSeeOnlyTheirOwnRowsAndGetTheirSchemaOnceOnFirstUse() throws Exception {
        LibsqlTestServer server = libsql.server();
        try (SessionFactory sf = open(server, Map.of())) {
            LibsqlMultiTenantConnectionProvider provider = Tenancy.provider(sf);
            assertThat(provider.schemaRunsStarted())
                    .describedAs("nothing runs at boot")
                    .isZero();
            assertThat(server.counters().httpRequests())
                    .describedAs("requests at boot")
                    .isZero();

            for (int i = 0; i < 50; i++) {
                Tenancy.persist(sf, tenant(i), "first of " + tenant(i), "second of " + tenant(i));
                assertThat(provider.schemaRunsStarted())
                        .describedAs("schema runs after tenant %d", i)
                        .isEqualTo(i + 1);
            }
            // Second round: no tenant runs its schema again.
            for (int i = 0; i < 50; i++) {
                Tenancy.persist(sf, tenant(i), "third of " + tenant(i));
                assertThat(Tenancy.texts(sf, tenant(i)))
                        .describedAs("tenant %d through Hibernate", i)
                        .containsExactly("first of " + tenant(i), "second of " + tenant(i), "third of " + tenant(i));
            }
            assertThat(provider.schemaRunsStarted())
                    .describedAs("one schema run per tenant")
                    .isEqualTo(50);
            List<SchemaReport> updates = tenancy.reports.stream()
                    .filter(r -> r.action().equals("update"))
                    .toList();
            assertThat(updates).describedAs("update reports").hasSize(50);
            assertThat(updates)
                    .allSatisfy(
                            r -> assertThat(r.applied()).describedAs("applied").hasSize(1));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(Tenancy.rows("jdbc:libsql:" + server.url(tenant(i)), "select text from notes order by text"))
                    .describedAs("rows in the database of tenant %d, read directly", i)
                    .containsExactly("first of " + tenant(i), "second of " + tenant(i), "third of " + tenant(i));
        }
        assertThat(Tenancy.rows("jdbc:libsql:" + server.url(), "select name from sqlite_schema where name = 'notes'"))
                .describedAs("the default database is not used")
                .isEmpty();
    }

    @Test
    void firstUseCostsTwoRequestsForTheSchemaAndLaterUsesNone() throws Exception {
        LibsqlTestServer server = libsql.server();
        try (SessionFactory sf = open(server, Map.of())) {
            LibsqlMultiTenantConnectionProvider provider = Tenancy.provider(sf);
            try (Connection c = provider.getConnection("fresh")) {
                assertThat(server.counters().namespace("fresh").pipelineRequests())
                        .describedAs("server detection + readiness probe (which is the metadata query) + one"
                                + " create batch")
                        .isEqualTo(3);
                assertThat(c.isClosed()).isFalse();
            }
            try (Connection c = provider.getConnection("fresh")) {
                assertThat(server.counters().namespace("fresh").pipelineRequests())
                        .describedAs("second connection: no schema run, opening sends nothing")
                        .isEqualTo(3);
            }
        }
    }

    @Test
    void thirtyTwoThreadsOnANewTenantRunItsSchemaOnceAndAllSucceed() throws Exception {
        LibsqlTestServer server = libsql.server();
        try (SessionFactory sf = open(server, Map.of())) {
            LibsqlMultiTenantConnectionProvider provider = Tenancy.provider(sf);
            ExecutorService pool = Executors.newFixedThreadPool(32);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    String text = "row " + i;
                    futures.add(pool.submit(() -> {
                        start.await();
                        Tenancy.persist(sf, "rush", text);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(provider.schemaRunsStarted())
                    .describedAs("schema runs for 32 concurrent first uses")
                    .isEqualTo(1);
            assertThat(tenancy.reports).describedAs("schema reports").hasSize(1);
            assertThat(tenancy.reports.get(0).applied())
                    .describedAs("statements applied by the one run")
                    .hasSize(1);
        }
        assertThat(Tenancy.rows("jdbc:libsql:" + server.url("rush"), "select count(*) from notes"))
                .describedAs("rows written by the 32 threads")
                .containsExactly("32");
    }

    @Test
    void injectionAttemptsAreRefusedBeforeAnyRequest() {
        LibsqlTestServer server = libsql.server();
        try (SessionFactory sf = open(server, Map.of())) {
            LibsqlMultiTenantConnectionProvider provider = Tenancy.provider(sf);
            String[] bad = {
                "evil.com/x",
                "a..b",
                "../x",
                "A",
                "",
                "%2e",
                "x".repeat(64),
                "acme\u0430",
                "\uff41cme",
                "a/../../b",
                "a?x=1",
                "a@evil.com",
                "a:80",
                "a b",
                "-a",
                "a-"
            };
            for (String id : bad) {
                assertThatThrownBy(() -> provider.getConnection(id))
                        .describedAs("tenant id %s", id)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining(TenantIds.RULE)
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
                assertThatThrownBy(() -> Tenancy.texts(sf, id))
                        .describedAs("through a session, tenant id %s", id)
                        .hasStackTraceContaining(TenantIds.RULE);
            }
            assertThat(server.counters().httpRequests())
                    .describedAs("requests sent for refused tenant ids")
                    .isZero();
            assertThat(provider.schemaRunsStarted()).isZero();
            assertThat(provider.cachedTenants())
                    .describedAs("nothing cached for refused ids")
                    .isZero();
        }
    }

    @Test
    void aTenantWhoseSchemaFailsFailsClearlyIsRetriedAndOthersKeepWorking() throws Exception {
        LibsqlTestServer server = libsql.server();
        // The broken tenant's database has an index named like the table: CREATE TABLE notes fails.
        try (Connection c = DriverManager.getConnection("jdbc:libsql:" + server.url("broken"))) {
            c.createStatement().execute("create table other (x integer)");
            c.createStatement().execute("create index notes on other (x)");
        }
        try (SessionFactory sf = open(server, Map.of())) {
            LibsqlMultiTenantConnectionProvider provider = Tenancy.provider(sf);
            Tenancy.persist(sf, "good-1", "one");
            assertThatThrownBy(() -> Tenancy.persist(sf, "broken", "x"))
                    .hasStackTraceContaining("libSQL tenant 'broken': schema update on first use failed")
                    .hasStackTraceContaining("create table if not exists notes");
            Tenancy.persist(sf, "good-2", "two");
            assertThat(Tenancy.texts(sf, "good-1")).containsExactly("one");
            assertThat(Tenancy.texts(sf, "good-2")).containsExactly("two");
            assertThat(provider.schemaRunsStarted())
                    .describedAs("good-1, broken, good-2")
                    .isEqualTo(3);

            assertThatThrownBy(() -> Tenancy.texts(sf, "broken"))
                    .describedAs("next use retries and fails again")
                    .hasStackTraceContaining("schema update on first use failed");
            assertThat(provider.schemaRunsStarted())
                    .describedAs("the failed run was retried")
                    .isEqualTo(4);

            try (Connection c = DriverManager.getConnection("jdbc:libsql:" + server.url("broken"))) {
                c.createStatement().execute("drop index notes");
            }
            Tenancy.persist(sf, "broken", "repaired");
            assertThat(Tenancy.texts(sf, "broken")).containsExactly("repaired");
            assertThat(provider.schemaRunsStarted())
                    .describedAs("one more run after the repair")
                    .isEqualTo(5);
        }
    }
}
