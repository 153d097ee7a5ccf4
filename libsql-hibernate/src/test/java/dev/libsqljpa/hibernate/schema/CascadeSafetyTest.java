package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No schema action of ours deletes child rows through {@code ON DELETE CASCADE}: SQLite deletes the
 * children of a parent row that is deleted, also when a tool "alters" the parent by copying it into a new
 * table and dropping the old one (the table-rebuild hazard). The tool only adds or drops columns in place.
 */
class CascadeSafetyTest {

    @Entity(name = "ParentV1")
    @Table(name = "parent")
    public static class ParentV1 {
        @Id
        Long id;

        String name;
    }

    @Entity(name = "ChildV1")
    @Table(name = "child")
    public static class ChildV1 {
        @Id
        Long id;

        @ManyToOne
        @OnDelete(action = OnDeleteAction.CASCADE)
        ParentV1 parent;
    }

    /** v2: the parent loses {@code name} and gains a NOT NULL {@code priority} and an indexed {@code code}. */
    @Entity(name = "ParentV2")
    @Table(name = "parent", indexes = @Index(name = "parent_code_idx", columnList = "code"))
    public static class ParentV2 {
        @Id
        Long id;

        @Column(name = "priority", nullable = false)
        int priority;

        String code;
    }

    @Entity(name = "ChildV2")
    @Table(name = "child")
    public static class ChildV2 {
        @Id
        Long id;

        @ManyToOne
        @OnDelete(action = OnDeleteAction.CASCADE)
        ParentV2 parent;

        String label;
    }

    @RegisterExtension
    final FileServer target = new FileServer("cascade.db");

    private final Deployer deployer = target.deployer();

    @Test
    void updatesThatTouchTheParentKeepEveryChildRow() throws Exception {
        deployer.deploy("update", new Class<?>[] {ParentV1.class, ChildV1.class});
        assertThat(target.db().strings("select sql from sqlite_schema where name = 'child'"))
                .singleElement()
                .satisfies(sql -> assertThat(sql.toLowerCase(Locale.ROOT)).contains("on delete cascade"));
        target.db()
                .exec(
                        "insert into parent (id, name) values (1, 'a'), (2, 'b')",
                        "insert into child (id, parent_id) values (10, 1), (11, 1), (20, 2)");
        List<String> children = List.of("10:1", "11:1", "20:2");
        assertThat(childRows()).containsExactlyElementsOf(children);

        Map<String, Object> drops = new HashMap<>(Map.of(SchemaSettings.DROP_UNMAPPED_COLUMNS, "true"));
        Class<?>[] v2 = {ParentV2.class, ChildV2.class};
        SchemaReport report = deployer.deploy("update", v2, drops);
        assertThat(report.applied())
                .describedAs("the parent was altered in place")
                .anySatisfy(s -> assertThat(s).containsIgnoringCase("alter table parent add column priority"))
                .anySatisfy(s -> assertThat(s).containsIgnoringCase("alter table parent drop column name"))
                .anySatisfy(s -> assertThat(s).containsIgnoringCase("create index if not exists parent_code_idx"))
                .noneSatisfy(s -> assertThat(s).containsIgnoringCase("drop table"));
        assertThat(childRows())
                .describedAs("child rows after the parent was altered")
                .containsExactlyElementsOf(children);

        deployer.deploy("update", v2, drops);
        // create only (the JPA database action; hbm2ddl "create" means drop-and-create, which deletes by design)
        deployer.deploy("none", v2, Map.of("jakarta.persistence.schema-generation.database.action", "create"));
        deployer.deploy("validate", v2);
        assertThat(childRows())
                .describedAs("child rows after update, create and validate again")
                .containsExactlyElementsOf(children);
        assertThat(target.db().strings("select id || ':' || priority from parent order by id"))
                .containsExactly("1:0", "2:0");

        target.db().exec("delete from parent where id = 2");
        assertThat(childRows()).describedAs("the cascade itself still works").containsExactly("10:1", "11:1");
    }

    private List<String> childRows() throws Exception {
        return target.db().strings("select id || ':' || parent_id from child order by id");
    }
}
