package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hibernate.model.shelf.Book;
import dev.libsqljpa.hibernate.model.shelf.Shelf;
import dev.libsqljpa.testkit.LibsqlTestServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dialect's DDL hooks under Hibernate's own schema actions (create twice, update, validate). */
class SchemaHooksTest {

    private LibsqlTestServer server;
    private String url;

    @BeforeEach
    void start() {
        server = LibsqlTestServer.builder().port(0).start();
        url = "jdbc:libsql:" + server.url();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private EntityManagerFactory boot(String action) {
        return Persistence.createEntityManagerFactory(
                "shelf",
                Map.of(
                        "jakarta.persistence.jdbc.url", url,
                        "jakarta.persistence.schema-generation.database.action", action));
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private String tableSql(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("select sql from sqlite_schema where lower(name) = '" + table + "'")) {
            assertThat(rs.next()).as("table %s exists", table).isTrue();
            return rs.getString(1).toLowerCase(Locale.ROOT);
        }
    }

    @Test
    void createRunsTwiceBecauseTablesAreCreatedIfNotExists() throws SQLException {
        boot("create").close();
        List<String> schemaAfterFirst = schema();
        EntityManagerFactory second = boot("create");
        try {
            EntityManager em = second.createEntityManager();
            em.getTransaction().begin();
            em.persist(new Shelf(1L, "fiction"));
            em.getTransaction().commit();
            em.close();
        } finally {
            second.close();
        }
        assertThat(schema())
                .describedAs("the second create changed nothing and created nothing twice")
                .isEqualTo(schemaAfterFirst)
                .contains("table:book", "table:shelf");
        assertThat(strings("select id || ':' || name from Shelf")).containsExactly("1:fiction");
    }

    @Test
    void updateAddsAForeignKeyColumnWithItsReferencesClause() throws SQLException {
        sql(
                "create table Shelf (id INTEGER not null, name varchar(255), primary key (id))",
                "create table Book (id INTEGER not null, title varchar(255), primary key (id))",
                "insert into Book (id, title) values (1, 'kept')");

        boot("update").close();

        assertThat(tableSql("book"))
                .contains("shelf_id")
                .containsPattern("references shelf \\(id\\) on delete cascade");
        EntityManagerFactory emf = boot("none");
        try {
            EntityManager em = emf.createEntityManager();
            assertThat(em.find(Book.class, 1L).getTitle()).isEqualTo("kept");
            em.getTransaction().begin();
            em.persist(new Shelf(1L, "poetry"));
            em.persist(new Book(2L, "odes", em.find(Shelf.class, 1L)));
            em.getTransaction().commit();
            em.close();
        } finally {
            emf.close();
        }
        assertThatThrownBy(() -> sql("insert into Book (id, title, shelf_id) values (3, 'lost', 999)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("FOREIGN KEY constraint failed");
    }

    @Test
    void onDeleteCascadeIsDeclaredInlineAndEnforced() throws SQLException {
        boot("create").close();
        assertThat(tableSql("book"))
                .containsPattern("foreign key \\(shelf_id\\) references shelf \\(id\\) on delete cascade");
        sql(
                "insert into Shelf (id, name) values (1, 'gone')",
                "insert into Book (id, title, shelf_id) values (1, 'with it', 1)",
                "delete from Shelf where id = 1");
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from Book")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void validateAcceptsTheSchemaItCreated() throws SQLException {
        boot("create").close();
        List<String> created = schema();
        EntityManagerFactory validated = boot("validate");
        try {
            assertThat(validated.isOpen())
                    .describedAs("validate accepted the schema create made")
                    .isTrue();
            EntityManager em = validated.createEntityManager();
            assertThat(em.find(Shelf.class, 1L)).isNull();
            em.close();
        } finally {
            validated.close();
        }
        assertThat(schema()).describedAs("validate changes nothing").isEqualTo(created);
    }

    /** Every schema object as {@code type:name}, lower case, sorted. */
    private List<String> schema() throws SQLException {
        return strings("select type || ':' || lower(name) from sqlite_schema where name not like 'sqlite%' order by 1");
    }

    private List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void validateStillRejectsAMissingColumn() throws SQLException {
        sql(
                "create table Shelf (id INTEGER not null, primary key (id))",
                "create table Book (id INTEGER not null, title varchar(255), shelf_id bigint, primary key (id))");
        assertThatThrownBy(() -> boot("validate"))
                .isInstanceOf(PersistenceException.class)
                .rootCause()
                .hasMessageContaining("name");
    }
}
