package dev.libsqljpa.it.crud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.ItServer;
import dev.libsqljpa.it.support.LibsqlInstaller;
import dev.libsqljpa.it.support.LibsqlModuleSetup;
import dev.libsqljpa.it.support.SharedLibsql;
import dev.libsqljpa.it.support.Wars;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two concurrent requests update one {@code @Version} entity from the same version on a datasource whose URL asks
 * for {@code transactionMode=IMMEDIATE}: the second transaction starts only after the first committed, so it reads
 * the new version and fails with exactly one OptimisticLockException.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OptimisticLockingIT {

    private static final String DATASOURCE = "ImmediateDS";
    private static final String JNDI_NAME = "java:jboss/datasources/ImmediateDS";

    @Deployment(name = "immediate", managed = false, testable = false)
    static WebArchive app() {
        return Wars.jpa("immediate", JNDI_NAME, Item.class, ItemService.class, ItemResource.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void secondOfTwoConcurrentUpdatesFailsWithOptimisticLockException() throws Exception {
        LibsqlModuleSetup.ensureInstalled();
        ItServer server = ItServer.current();
        LibsqlInstaller.addDatasource(
                server,
                new LibsqlInstaller.Datasource(
                        DATASOURCE,
                        JNDI_NAME,
                        SharedLibsql.jdbcUrl(SharedLibsql.server(), "transactionMode=IMMEDIATE"),
                        SharedLibsql.token()));
        boolean deployed = false;
        try {
            deployer.deploy("immediate");
            deployed = true;
            Http http = new Http(server.baseUrl("immediate"));
            long id = Long.parseLong(
                    http.post("api/items", "contended-immediate").body().split(":")[0]);

            List<Http.Response> responses = ConcurrentRequests.putTwice(
                    http, "api/items/" + id + "?version=0", "left-immediate", "right-immediate");

            assertThat(responses)
                    .extracting(Http.Response::status)
                    .as(responses.toString())
                    .containsExactlyInAnyOrder(200, 409);
            Http.Response loser = responses.stream()
                    .filter(r -> r.status() == 409)
                    .findFirst()
                    .orElseThrow();
            assertThat(loser.body()).contains("jakarta.persistence.OptimisticLockException");
            String winner = responses.stream()
                    .filter(r -> r.status() == 200)
                    .findFirst()
                    .orElseThrow()
                    .body();
            assertThat(http.get("api/items/" + id).body()).isEqualTo(winner).startsWith(id + ":1:");
        } finally {
            if (deployed) {
                deployer.undeploy("immediate");
            }
            LibsqlInstaller.removeDatasource(server, DATASOURCE);
        }
    }
}
