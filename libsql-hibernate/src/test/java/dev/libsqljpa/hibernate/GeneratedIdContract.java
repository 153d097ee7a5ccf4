package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hibernate.internal.LibsqlIdGeneratorDefaults;
import dev.libsqljpa.hibernate.model.ids.Coupon;
import dev.libsqljpa.hibernate.model.ids.Stamp;
import dev.libsqljpa.hibernate.model.ids.Ticket;
import dev.libsqljpa.jdbc.LibsqlDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @GeneratedValue} with no strategy (AUTO, the tutorial default) on libSQL, through the plain
 * Java SE unit {@code ids} (URL and {@code hbm2ddl.auto=update} only). SQLite has one writer: an id
 * must be reserved by the transaction that uses it, on its own connection, and a rollback must never
 * lead to an id being handed out twice.
 */
abstract class GeneratedIdContract {

    private final List<EntityManagerFactory> factories = new ArrayList<>();

    /** Starts a fresh server and returns its {@code jdbc:libsql:} URL. */
    protected abstract String startServer() throws Exception;

    protected abstract void stopServer();

    /** False for tursodb, whose one engine connection is shared by every client. */
    protected boolean otherConnectionsSeeOnlyCommittedData() {
        return true;
    }

    protected String url;

    @BeforeEach
    void start() throws Exception {
        url = startServer();
    }

    @AfterEach
    void stop() {
        factories.forEach(EntityManagerFactory::close);
        stopServer();
    }

    /** One application instance (a "JVM"): its own factory, generators and connection pool. */
    protected EntityManagerFactory instance() {
        EntityManagerFactory emf =
                Persistence.createEntityManagerFactory("ids", Map.of("jakarta.persistence.jdbc.url", url));
        factories.add(emf);
        return emf;
    }

    protected static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Persists {@code count} tickets in one transaction and returns their ids. */
    protected static List<Long> persistTickets(EntityManagerFactory emf, String label, int count) {
        List<Ticket> tickets = new ArrayList<>();
        inTransaction(emf, em -> {
            for (int i = 0; i < count; i++) {
                Ticket ticket = new Ticket(label + i);
                em.persist(ticket);
                tickets.add(ticket);
            }
        });
        return tickets.stream().map(Ticket::getId).toList();
    }

    protected List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void anAutoIdIsReservedInsideATransactionThatAlreadyWrote() throws Exception {
        EntityManagerFactory emf = instance();
        List<Long> ids = new ArrayList<>();
        inTransaction(emf, em -> {
            em.persist(new Stamp(7));
            em.flush(); // the transaction holds the write lock from here on
            Ticket first = new Ticket("after a write");
            em.persist(first);
            em.flush();
            Ticket second = new Ticket("after two writes");
            em.persist(second);
            ids.add(first.getId());
            ids.add(second.getId());
        });

        assertThat(ids).describedAs("ids of the two tickets").containsExactly(1L, 2L);
        assertThat(column("select id || ':' || label from Ticket order by id"))
                .containsExactly("1:after a write", "2:after two writes");
        assertThat(column("select count(*) from Stamp")).containsExactly("1");
    }

    /**
     * The instance's first reservation happens in a transaction that is rolled back: the database takes
     * it back, so the instance must not keep ids from it. (A pooled optimizer would keep a range in memory
     * here, and the next instance would reserve the same range: duplicate ids.)
     */
    @Test
    void aRolledBackReservationNeverLeadsToADuplicateId() throws Exception {
        EntityManagerFactory a = instance();
        EntityManager em = a.createEntityManager();
        em.getTransaction().begin();
        List<Ticket> rolledBack = List.of(new Ticket("x0"), new Ticket("x1"));
        rolledBack.forEach(em::persist);
        em.flush();
        if (otherConnectionsSeeOnlyCommittedData()) {
            assertThat(column("select next_val from Ticket_SEQ"))
                    .describedAs("another connection sees only committed reservations while the transaction is open")
                    .containsExactly("1");
        }
        em.getTransaction().rollback();
        em.close();
        assertThat(column("select next_val from Ticket_SEQ"))
                .describedAs("the rollback took the reservations back")
                .containsExactly("1");

        List<Long> committed = new ArrayList<>(persistTickets(a, "a", 3));
        committed.addAll(persistTickets(instance(), "b", 3)); // a second instance, started after the rollback
        committed.addAll(persistTickets(a, "c", 2));

        assertThat(committed).describedAs("ids of committed tickets").hasSize(8).doesNotHaveDuplicates();
        assertThat(column("select count(distinct id) from Ticket")).containsExactly("8");
        assertThat(rolledBack)
                .extracting(Ticket::getId)
                .describedAs("ids the rolled-back transaction had reserved (its rows are gone)")
                .containsExactly(1L, 2L);
        assertThat(committed)
                .describedAs("ids of committed tickets, in order")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(column("select next_val from Ticket_SEQ")).containsExactly("9");
    }

    @Test
    void twoInstancesInterleavingOnOneDatabaseNeverShareAnId() throws Exception {
        EntityManagerFactory a = instance();
        EntityManagerFactory b = instance();
        List<Long> ids = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            ids.addAll(persistTickets(a, "a" + round, 2));
            ids.addAll(persistTickets(b, "b" + round, 3));
            // b reserves inside a transaction that is rolled back; a carries on.
            EntityManager em = b.createEntityManager();
            em.getTransaction().begin();
            em.persist(new Ticket("lost"));
            em.flush();
            em.getTransaction().rollback();
            em.close();
        }

        assertThat(ids).describedAs("committed ids").hasSize(15).doesNotHaveDuplicates();
        assertThat(column("select count(*) from Ticket")).containsExactly("15");
        assertThat(column("select count(distinct id) from Ticket")).containsExactly("15");
        assertThat(column("select max(id) from Ticket")).containsExactly("15");
    }

    @Test
    void theSchemaToolCreatesTheSequenceTableOnceWithOneRow() throws Exception {
        persistTickets(instance(), "first", 1);
        persistTickets(instance(), "second", 1); // update again, on a database that has it

        assertThat(column("select lower(name) from sqlite_schema where type = 'table' and lower(name) = 'ticket_seq'"))
                .describedAs("the sequence table (tursodb stores names in lower case)")
                .containsExactly("ticket_seq");
        assertThat(column("select count(*) from Ticket_SEQ"))
                .describedAs("rows in Ticket_SEQ")
                .containsExactly("1");
        assertThat(column("select next_val from Ticket_SEQ")).containsExactly("3");
    }

    @Test
    void theDefaultIsLeftAloneWhenTheApplicationSetsAnOptimizer() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", url);
        settings.put(LibsqlIdGeneratorDefaults.PREFERRED_OPTIMIZER, "pooled");
        assertThatThrownBy(() -> Persistence.createEntityManagerFactory("ids", settings))
                .describedAs("a pooled optimizer is refused at boot")
                .hasStackTraceContaining("libSQL: id generators that cannot work on a single-writer database")
                .hasStackTraceContaining(
                        Ticket.class.getName() + ": its optimizer (PooledOptimizer, allocation size 50)")
                .hasStackTraceContaining("hibernate.id.optimizer.pooled.preferred=none");
    }

    @Test
    void aUnitThatReachesLibsqlOnlyThroughADataSourceFailsAtBootNamingTheSetting() {
        LibsqlDataSource dataSource = new LibsqlDataSource();
        dataSource.setUrl(url);
        assertThatThrownBy(() -> nativeBoot(Map.of("hibernate.connection.datasource", dataSource), Ticket.class))
                .hasStackTraceContaining(
                        Ticket.class.getName() + ": its optimizer (PooledOptimizer, allocation size 50)"
                                + " makes Hibernate reserve ids on a second connection")
                .hasStackTraceContaining("hibernate.id.optimizer.pooled.preferred=none");

        Map<String, Object> withSetting = Map.of(
                "hibernate.connection.datasource", dataSource, LibsqlIdGeneratorDefaults.PREFERRED_OPTIMIZER, "none");
        nativeBoot(withSetting, Ticket.class).close();
    }

    @Test
    void tableGeneratorsAreRefusedAtBoot() {
        assertThatThrownBy(() -> nativeBoot(Map.of("hibernate.connection.url", url), Coupon.class))
                .hasStackTraceContaining(
                        Coupon.class.getName() + ": GenerationType.TABLE reserves ids on a second" + " connection")
                .hasStackTraceContaining("GenerationType.IDENTITY");
    }

    private static SessionFactory nativeBoot(Map<String, Object> extra, Class<?>... entities) {
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("hibernate.hbm2ddl.auto", "update");
        StandardServiceRegistry registry =
                new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : entities) {
                sources.addAnnotatedClass(entity);
            }
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }
}
