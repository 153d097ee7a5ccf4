package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-row table behind an id sequence ({@code <entity>_seq}, the dialect's sequence emulation) is
 * seeded with exactly one row, by {@code update} as by {@code create}: two rows would make the
 * generator's {@code update … set next_val} move both and its result ambiguous.
 */
class SequenceTableSeedTest {

    @Entity(name = "Label")
    public static class Label {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE)
        Long id;

        String text;
    }

    private static final Class<?>[] ENTITIES = {Label.class};

    @TempDir
    Path dir;

    private LibsqlTestServer server;
    private Deployer deployer;
    private SchemaDb db;

    @BeforeEach
    void start() {
        server = LibsqlTestServer.builder().port(0).databaseFile(dir.resolve("seq.db")).start();
        String url = "jdbc:libsql:http://127.0.0.1:" + server.port();
        db = SchemaDb.at(url);
        deployer = new Deployer(() -> db);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void updateOnAnEmptyDatabaseSeedsTheSequenceTableOnce() throws Exception {
        SchemaReport report = deployer.deploy("update", ENTITIES);

        assertThat(report.applied()).filteredOn(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith("insert into label_seq"))
                .describedAs("the seed row is inserted by exactly one statement").hasSize(1);
        assertThat(db.strings("select count(*) from Label_SEQ")).describedAs("rows in Label_SEQ").containsExactly("1");
        assertThat(deployer.deploy("update", ENTITIES).entries()).describedAs("a second update changes nothing").isEmpty();
        assertThat(db.strings("select count(*) from Label_SEQ")).containsExactly("1");
    }

    @Test
    void createSeedsTheSequenceTableOnceToo() throws Exception {
        deployer.deploy("create", ENTITIES);
        assertThat(db.strings("select count(*) from Label_SEQ")).containsExactly("1");
    }
}
