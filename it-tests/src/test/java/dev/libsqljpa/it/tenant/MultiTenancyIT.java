package dev.libsqljpa.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.support.DatabaseFile;
import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.ItServer;
import dev.libsqljpa.it.support.LibsqlInstaller;
import dev.libsqljpa.it.support.LibsqlModuleSetup;
import dev.libsqljpa.it.support.SharedLibsql;
import dev.libsqljpa.it.support.Wars;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One libSQL database per tenant inside WildFly: LibsqlMultiTenantConnectionProvider in JNDI-template
 * mode finds each tenant's container-managed, JTA-enlisted datasource ({@code java:jboss/datasources/libsql-<tenant>},
 * added with the shipped dist/wildfly/add-libsql-tenant-datasource.cli); the tenant comes from the request URL through a
 * CurrentTenantIdentifierResolver. Each tenant's database is a namespace of the shared test server, read
 * directly to prove the isolation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MultiTenancyIT {

    private static final String JNDI_TEMPLATE = "java:jboss/datasources/libsql-{tenant}";

    @Deployment(name = "tenants", managed = false, testable = false)
    static WebArchive tenants() {
        return Wars.jpa(
                "tenants",
                jndiName(RequestTenant.DEFAULT),
                Map.of(
                        "hibernate.multi_tenant_connection_provider",
                        "dev.libsqljpa.hibernate.tenant.LibsqlMultiTenantConnectionProvider",
                        "hibernate.tenant_identifier_resolver",
                        RequestTenant.class.getName(),
                        "libsql.tenant.jndi_template",
                        JNDI_TEMPLATE,
                        "libsql.tenant.default_tenant",
                        RequestTenant.DEFAULT,
                        "libsql.tenant.schema_action",
                        "update"),
                Note.class,
                RequestTenant.class,
                NoteService.class,
                NotesResource.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void eachTenantWorksInItsOwnDatabaseWithJtaAndANewTenantNeedsNoRedeploy() {
        LibsqlModuleSetup.ensureInstalled();
        LibsqlTestServer libsql = SharedLibsql.server();
        addTenant(libsql, "acme");
        addTenant(libsql, "globex");
        deployer.deploy("tenants");
        try {
            Http http = new Http(ItServer.current().baseUrl("tenants"));

            assertThat(post(http, "acme", "", "a1").status()).isEqualTo(200);
            assertThat(post(http, "acme", "", "a2").status()).isEqualTo(200);
            assertThat(post(http, "globex", "", "g1").status()).isEqualTo(200);

            // Each tenant sees its own rows, and each database holds only its tenant's rows.
            assertThat(http.get("api/tenants/acme/notes").body()).isEqualTo("a1,a2");
            assertThat(http.get("api/tenants/globex/notes").body()).isEqualTo("g1");
            assertThat(rows(libsql, "acme")).containsExactly("a1", "a2");
            assertThat(rows(libsql, "globex")).containsExactly("g1");

            // A failure after the write rolls back that tenant's JTA transaction, nothing else.
            Http.Response failed = post(http, "globex", "failing", "g-rolled-back");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).contains("failing on purpose after writing 'g-rolled-back'");
            assertThat(rows(libsql, "globex")).containsExactly("g1");
            assertThat(rows(libsql, "acme")).containsExactly("a1", "a2");

            // A tenant added at runtime with the CLI script is used at once: its schema is created on first use.
            Http.Response unknown = http.get("api/tenants/initech/notes");
            assertThat(unknown.status()).isEqualTo(500);
            assertThat(unknown.body()).contains("java:jboss/datasources/libsql-initech", "not found in JNDI");
            addTenant(libsql, "initech");
            assertThat(post(http, "initech", "", "i1").status()).isEqualTo(200);
            assertThat(rows(libsql, "initech")).containsExactly("i1");
            assertThat(http.get("api/tenants/initech/notes").body()).isEqualTo("i1");

            // A tenant id that is not a DNS label never becomes a JNDI name.
            Http.Response refused = http.get("api/tenants/Evil.com/notes");
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.body()).contains("Invalid tenant id 'Evil.com'", "a tenant id is a DNS label");
        } finally {
            deployer.undeploy("tenants");
        }
    }

    private static void addTenant(LibsqlTestServer libsql, String tenant) {
        LibsqlInstaller.addTenantDatasource(
                ItServer.current(), tenant, "jdbc:libsql:" + libsql.url(tenant), SharedLibsql.token());
    }

    private static String jndiName(String tenant) {
        return JNDI_TEMPLATE.replace("{tenant}", tenant);
    }

    private static Http.Response post(Http http, String tenant, String path, String text) {
        Http.Response response =
                http.post("api/tenants/" + tenant + "/notes" + (path.isEmpty() ? "" : "/" + path), text);
        if (!path.equals("failing")) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        return response;
    }

    private static List<String> rows(LibsqlTestServer libsql, String tenant) {
        return DatabaseFile.strings(libsql.databaseFile(tenant), "select text from notes order by text");
    }
}
