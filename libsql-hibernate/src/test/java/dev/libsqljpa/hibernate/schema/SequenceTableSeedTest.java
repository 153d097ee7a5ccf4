package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    final FileServer target = new FileServer("seq.db");

    private final Deployer deployer = target.deployer();

    @Test
    void updateOnAnEmptyDatabaseSeedsTheSequenceTableOnce() throws Exception {
        SchemaReport report = deployer.deploy("update", ENTITIES);

        assertThat(report.applied())
                .filteredOn(s -> s.toLowerCase(Locale.ROOT).startsWith("insert into label_seq"))
                .describedAs("the seed row is inserted by exactly one statement")
                .hasSize(1);
        assertThat(target.db().strings("select count(*) from Label_SEQ"))
                .describedAs("rows in Label_SEQ")
                .containsExactly("1");
        assertThat(deployer.deploy("update", ENTITIES).entries())
                .describedAs("a second update changes nothing")
                .isEmpty();
        assertThat(target.db().strings("select count(*) from Label_SEQ")).containsExactly("1");
    }

    @Test
    void createSeedsTheSequenceTableOnceToo() throws Exception {
        deployer.deploy("create", ENTITIES);
        assertThat(target.db().strings("select count(*) from Label_SEQ")).containsExactly("1");
    }
}
