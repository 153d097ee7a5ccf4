package dev.libsqljpa.it.crud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.LibsqlModuleSetup;
import dev.libsqljpa.it.support.Wars;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** JPA through a container-managed EntityManager in a CDI bean with JTA, on the module-installed datasource. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(LibsqlModuleSetup.class)
class JpaCrudIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Wars.jpa("crud", LibsqlModuleSetup.JNDI_NAME, Item.class, ItemService.class, ItemResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void createReadUpdateDelete() {
        Http http = new Http(base);

        Http.Response created = http.post("api/items", "alpha");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = Long.parseLong(created.body().split(":")[0]);
        assertThat(created.body()).isEqualTo(id + ":0:alpha");

        assertThat(http.get("api/items/" + id).body()).isEqualTo(id + ":0:alpha");

        Http.Response renamed = http.put("api/items/" + id + "?version=0", "beta");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.body()).isEqualTo(id + ":1:beta");
        assertThat(http.get("api/items/" + id).body()).isEqualTo(id + ":1:beta");

        assertThat(http.delete("api/items/" + id).status()).isEqualTo(204);
        assertThat(http.get("api/items/" + id).status()).isEqualTo(404);
    }

    @Test
    void identityIdsAreDistinctAndIncreasing() {
        Http http = new Http(base);
        long first = Long.parseLong(http.post("api/items", "id-one").body().split(":")[0]);
        long second = Long.parseLong(http.post("api/items", "id-two").body().split(":")[0]);

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void failingTransactionLeavesNoRow() {
        Http http = new Http(base);

        Http.Response failed = http.post("api/items/failing", "ghost");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).contains("failing on purpose after inserting ghost");
        assertThat(http.get("api/items/count?name=ghost").body()).isEqualTo("0");
        // The connection went back to the pool clean: the next transaction works and commits.
        assertThat(http.post("api/items", "after-ghost").status()).isEqualTo(200);
        assertThat(http.get("api/items/count?name=after-ghost").body()).isEqualTo("1");
    }

    @Test
    void uniqueViolationRollsBackAndReportsTheConstraint() {
        Http http = new Http(base);
        assertThat(http.post("api/items", "twice").status()).isEqualTo(200);

        Http.Response duplicate = http.post("api/items", "twice");

        assertThat(duplicate.status()).isEqualTo(500);
        assertThat(duplicate.body()).contains("ConstraintViolationException");
        assertThat(http.get("api/items/count?name=twice").body()).isEqualTo("1");
    }

    /**
     * Default DEFERRED transactions: both requests may read version 0 before either writes. SQLite then refuses the
     * second writer's stale snapshot (SQLITE_BUSY → PessimisticLockException) unless the first already committed
     * (→ OptimisticLockException). Either way: exactly one update wins, none is lost. {@link OptimisticLockingIT}
     * shows the IMMEDIATE mode that always yields OptimisticLockException.
     */
    @Test
    void concurrentUpdatesOfOneVersionedEntityLoseNoUpdate() throws Exception {
        Http http = new Http(base);
        long id = Long.parseLong(http.post("api/items", "contended").body().split(":")[0]);

        List<Http.Response> responses =
                ConcurrentRequests.putTwice(http, "api/items/" + id + "?version=0", "left-deferred", "right-deferred");

        assertThat(responses)
                .extracting(Http.Response::status)
                .as(responses.toString())
                .containsOnlyOnce(200)
                .containsAnyOf(409, 423);
        String winner = responses.stream()
                .filter(r -> r.status() == 200)
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(http.get("api/items/" + id).body()).isEqualTo(winner).startsWith(id + ":1:");
    }
}
