package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@code tursodb --sync-server} processes (minimal servers, one engine connection each) as two tenants of
 * one session factory. The URL template puts the tenant id in the port position, so the tenant ids are the
 * two ports — digits only, which the DNS-label rule allows.
 */
class TursoDbTenantTest {

    private TursoDbServer first;
    private TursoDbServer second;

    @BeforeEach
    void start() {
        first = TursoDbServer.start();
        second = TursoDbServer.start();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void twoTursoDbProcessesAreTwoTenantsWithTheirOwnSchemaAndRows() throws Exception {
        String a = Integer.toString(first.port());
        String b = Integer.toString(second.port());
        Tenancy tenancy = new Tenancy();
        try (SessionFactory sf = tenancy.open(
                Map.of(
                        TenantSettings.URL_TEMPLATE,
                        "jdbc:libsql:http://127.0.0.1:{tenant}",
                        TenantSettings.SCHEMA_ACTION,
                        "update"),
                Note.class)) {
            Tenancy.persist(sf, a, "on the first", "also on the first");
            Tenancy.persist(sf, b, "on the second");
            assertThat(Tenancy.texts(sf, a)).containsExactly("also on the first", "on the first");
            assertThat(Tenancy.texts(sf, b)).containsExactly("on the second");
            assertThat(Tenancy.provider(sf).schemaRunsStarted()).isEqualTo(2);
        }
        assertThat(Tenancy.rows("jdbc:libsql:http://127.0.0.1:" + a, "select text from notes order by text"))
                .describedAs("first tursodb, read directly")
                .containsExactly("also on the first", "on the first");
        assertThat(Tenancy.rows("jdbc:libsql:http://127.0.0.1:" + b, "select text from notes order by text"))
                .describedAs("second tursodb, read directly")
                .containsExactly("on the second");
    }
}
