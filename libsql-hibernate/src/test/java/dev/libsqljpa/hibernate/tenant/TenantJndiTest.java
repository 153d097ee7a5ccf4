package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.jdbc.LibsqlDataSource;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JNDI-template mode: each tenant's data source is looked up under the template name. */
class TenantJndiTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private final Tenancy tenancy = new Tenancy();

    @AfterEach
    void unbind() {
        TestNaming.BOUND.values().forEach(ds -> ((LibsqlDataSource) ds).close());
        TestNaming.BOUND.clear();
    }

    private SessionFactory open() {
        return tenancy.open(Map.of(TenantSettings.JNDI_TEMPLATE, "java:jboss/datasources/libsql-{tenant}",
                TenantSettings.SCHEMA_ACTION, "update", "hibernate.jndi.class", TestNaming.class.getName()), Note.class);
    }

    @Test
    void eachTenantUsesTheDataSourceBoundUnderItsName() throws Exception {
        LibsqlTestServer server = libsql.server();
        for (String tenant : new String[] {"acme", "globex"}) {
            TestNaming.BOUND.put("java:jboss/datasources/libsql-" + tenant,
                    new LibsqlDataSource("jdbc:libsql:" + server.url(tenant)));
        }
        try (SessionFactory sf = open()) {
            Tenancy.persist(sf, "acme", "acme's");
            Tenancy.persist(sf, "globex", "globex's");
            assertThat(Tenancy.texts(sf, "acme")).containsExactly("acme's");
            assertThat(Tenancy.texts(sf, "globex")).containsExactly("globex's");
            assertThat(Tenancy.provider(sf).schemaRunsStarted()).isEqualTo(2);
        }
        assertThat(Tenancy.rows("jdbc:libsql:" + server.url("acme"), "select text from notes")).containsExactly("acme's");
        assertThat(Tenancy.rows("jdbc:libsql:" + server.url("globex"), "select text from notes"))
                .containsExactly("globex's");
    }

    @Test
    void anUnboundTenantFailsNamingTheJndiNameAndAnInvalidIdIsNeverLookedUp() {
        LibsqlTestServer server = libsql.server();
        TestNaming.BOUND.put("java:jboss/datasources/libsql-acme", new LibsqlDataSource("jdbc:libsql:" + server.url("acme")));
        try (SessionFactory sf = open()) {
            assertThatThrownBy(() -> Tenancy.texts(sf, "initech"))
                    .hasStackTraceContaining("libSQL tenant 'initech': data source java:jboss/datasources/libsql-initech"
                            + " not found in JNDI");
            assertThatThrownBy(() -> Tenancy.texts(sf, "acme/../other")).hasStackTraceContaining(TenantIds.RULE);
            assertThat(Tenancy.provider(sf).cachedTenants()).describedAs("failed lookups are not cached").isZero();
            assertThat(server.counters().httpRequests()).isZero();
        }
    }
}
