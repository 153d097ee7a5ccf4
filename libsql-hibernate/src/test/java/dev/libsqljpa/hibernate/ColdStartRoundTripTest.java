package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hibernate.model.shelf.Shelf;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.proxy.ProxiedRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold start of a JPA application: from {@code createEntityManagerFactory} with
 * {@code hibernate.hbm2ddl.auto=update} on an up-to-date schema to the first query's answer, on an
 * endpoint this JVM has never talked to (the server is reached through a proxy on a fresh port, so the
 * driver's per-endpoint caches are empty, as in a new process). The proxy records each request. The
 * engine version Hibernate's boot reads comes with the server detection, so it costs no request.
 */
class ColdStartRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void coldStartWithSchemaUpdateToTheFirstAnswerTakesThreeRequests() {
        try (LibsqlTestServer server = LibsqlTestServer.builder()
                .port(0)
                .databaseFile(dir.resolve("cold.db"))
                .start()) {
            createSchemaWithOneShelf(server);

            List<ProxiedRequest> seen = new CopyOnWriteArrayList<>();
            try (HttpFaultProxy proxy = HttpFaultProxy.start(server.uri())) {
                proxy.failWhen(
                        request -> {
                            seen.add(request);
                            return false; // record only
                        },
                        Fault.DROP_AFTER_FORWARD,
                        Integer.MAX_VALUE);
                EntityManagerFactory emf = Persistence.createEntityManagerFactory(
                        "shelf",
                        Map.of(
                                "jakarta.persistence.jdbc.url", "jdbc:libsql:" + proxy.uri(),
                                "hibernate.connection.autocommit", "true",
                                "hibernate.hbm2ddl.auto", "update"));
                try {
                    EntityManager em = emf.createEntityManager();
                    assertThat(em.find(Shelf.class, 1L).getName()).isEqualTo("one");
                    em.close();
                    assertThat(proxy.requests())
                            .describedAs("requests from createEntityManagerFactory to the first answer: %s", seen)
                            .isEqualTo(3);
                    assertThat(seen.get(0).method() + " " + seen.get(0).path())
                            .describedAs("server detection")
                            .isEqualTo("POST /v3/pipeline");
                    assertThat(seen.get(0).bodyText())
                            .describedAs("detection reads the version Hibernate's boot asks for")
                            .contains("select sqlite_version()");
                    assertThat(seen.get(1).bodyText())
                            .describedAs("the schema tool's readiness probe is its one metadata query")
                            .contains("sqlite_schema");
                    assertThat(seen.get(2).bodyText()).describedAs("the find").contains("from Shelf");
                    assertThat(seen)
                            .describedAs("no request but detection reads the version")
                            .filteredOn(request -> request.bodyText().contains("sqlite_version()"))
                            .containsExactly(seen.get(0));
                    assertThat(seen)
                            .describedAs("no separate readiness probe")
                            .noneMatch(request -> request.bodyText().contains("\"select 1\""));
                } finally {
                    emf.close();
                }
            }
        }
    }

    private static void createSchemaWithOneShelf(LibsqlTestServer server) {
        EntityManagerFactory setup = Persistence.createEntityManagerFactory(
                "shelf",
                Map.of(
                        "jakarta.persistence.jdbc.url",
                        "jdbc:libsql:" + server.url(),
                        "jakarta.persistence.schema-generation.database.action",
                        "create"));
        try {
            EntityManager em = setup.createEntityManager();
            em.getTransaction().begin();
            em.persist(new Shelf(1L, "one"));
            em.getTransaction().commit();
            em.close();
        } finally {
            setup.close();
        }
    }
}
