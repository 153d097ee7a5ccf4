package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hibernate.model.Car;
import dev.libsqljpa.hibernate.model.Truck;
import dev.libsqljpa.hibernate.model.Vehicle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hibernate's id tables for bulk mutations of JOINED hierarchies ({@code HTE_*}) are created at every
 * start. With Hibernate's default command ({@code create table}) the second start fails that statement
 * with "table already exists" and Hibernate swallows the error; the dialect creates them with
 * {@code create table if not exists}, so a restart sends no failing DDL, and bulk mutations keep working.
 */
class TemporaryTablesTest {

    private static final Class<?>[] ENTITIES = {Vehicle.class, Car.class, Truck.class};

    @RegisterExtension
    final FileServer target = new FileServer("hte.db");

    private final Deployer deployer = target.deployer();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    private SessionFactory boot() {
        return deployer.open(
                "update",
                ENTITIES,
                Map.of(
                        "hibernate.connection.datasource",
                        new InterceptingDataSource(target.db(), sql -> sent.add(sql.toLowerCase(Locale.ROOT)))));
    }

    @Test
    void idTablesAreCreatedIfNotExistsOnEveryStartAndBulkMutationsWork() throws Exception {
        boot().close();
        List<String> firstStart = hteCreates();
        assertThat(firstStart)
                .describedAs("HTE tables created at the first start")
                .isNotEmpty()
                .allSatisfy(sql -> assertThat(sql).startsWith("create table if not exists hte_"));
        assertThat(target.db().tables())
                .describedAs("HTE tables are persistent tables in the schema")
                .contains("HTE_Vehicle");

        sent.clear();
        try (SessionFactory sf = boot()) {
            assertThat(hteCreates())
                    .describedAs("a restart only sends creates that cannot fail")
                    .isNotEmpty()
                    .allSatisfy(sql -> assertThat(sql).startsWith("create table if not exists hte_"));
            sf.inTransaction(s -> {
                s.persist(new Car(1L, "a", 4));
                s.persist(new Car(2L, "b", 2));
                s.persist(new Truck(3L, "a", 7.5));
            });
            int deleted = sf.fromTransaction(s -> s.createMutationQuery("delete from Vehicle where maker = 'a'")
                    .executeUpdate());
            assertThat(deleted)
                    .describedAs("bulk delete on the JOINED hierarchy")
                    .isEqualTo(2);
        }
        assertThat(target.db().strings("select id from Vehicle order by id")).containsExactly("2");
        assertThat(target.db().strings("select count(*) from HTE_Vehicle"))
                .describedAs("the id table is left empty")
                .containsExactly("0");
    }

    private List<String> hteCreates() {
        return sent.stream()
                .filter(sql -> sql.startsWith("create") && sql.contains("hte_"))
                .toList();
    }
}
