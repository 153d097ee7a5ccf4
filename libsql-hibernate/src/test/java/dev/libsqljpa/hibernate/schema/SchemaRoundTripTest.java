package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips of schema actions on a 20-entity model, counted at the test server. Boot-time metadata
 * access is off so the counts are the schema tool's alone (Hibernate's bootstrap reads are separate).
 */
class SchemaRoundTripTest {

    @TempDir
    Path dir;

    private LibsqlTestServer server;
    private Deployer deployer;

    @BeforeEach
    void start() {
        server = LibsqlTestServer.builder()
                .port(0)
                .databaseFile(dir.resolve("rt.db"))
                .start();
        String url = "jdbc:libsql:http://127.0.0.1:" + server.port();
        SchemaDb db = SchemaDb.at(url, Map.of("hibernate.boot.allow_jdbc_metadata_access", "false"));
        deployer = new Deployer(() -> db);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Requests of one boot with the JPA database action {@code action} (create = create only). */
    private long requests(String action) {
        server.counters().reset();
        SchemaReport report = deployer.deploy(
                "none",
                TwentyEntities.ENTITIES,
                Map.of("jakarta.persistence.schema-generation.database.action", action));
        assertThat(report.failed()).isFalse();
        return server.counters().httpRequests();
    }

    @Test
    void schemaActionsOnTwentyEntitiesTakeExactlyTheirBudgetedRequests() {
        // The driver detects the server kind once per endpoint (GET /v3); a first boot pays for it.
        deployer.open("none", TwentyEntities.ENTITIES, Map.of()).close();
        server.counters().reset();
        deployer.open("none", TwentyEntities.ENTITIES, Map.of()).close();
        long boot = server.counters().httpRequests();

        long create = requests("create") - boot;
        long update = requests("update") - boot;
        long validate = requests("validate") - boot;
        long dropAndCreate = requests("drop-and-create") - boot;
        assertThat(boot)
                .describedAs("a boot without schema action and without boot-time metadata access")
                .isEqualTo(BOOT);
        assertThat(create)
                .describedAs("create: readiness probe + one batch of 20 tables and 20 indexes")
                .isEqualTo(2);
        assertThat(update)
                .describedAs("update on an up-to-date model: the readiness probe is the one metadata query")
                .isEqualTo(1);
        assertThat(validate)
                .describedAs("validate: the readiness probe is the one metadata query")
                .isEqualTo(1);
        assertThat(dropAndCreate)
                .describedAs("drop-and-create: readiness probe + drop batch + create batch")
                .isEqualTo(3);
    }

    /** Requests of a boot that neither runs a schema action nor reads metadata. */
    private static final long BOOT = 0;
}
