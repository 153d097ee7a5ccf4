package dev.libsqljpa.examples.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Quarkus application on the embedded libSQL server, configured only by application.properties. */
@QuarkusTest
@QuarkusTestResource(TestkitResource.class)
class ShelfTest {

    @Inject
    Shelf shelf;

    @BeforeEach
    void emptyShelf() throws SQLException {
        try (Connection c = direct();
                Statement s = c.createStatement()) {
            s.executeUpdate("delete from books");
        }
    }

    @Test
    void schemaWasCreatedByTheLibsqlSchemaTool() throws SQLException {
        try (Connection c = direct();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select sql from sqlite_schema where name = 'books'")) {
            assertTrue(rs.next(), "books table exists on the server");
            assertTrue(rs.getString(1).contains("isbn"), rs.getString(1));
        }
    }

    @Test
    void crudThroughTheContainerManagedEntityManager() throws SQLException {
        List<Long> ids = shelf.add(List.of(
                Book.of("Dune", "978-0441013593", LocalDate.of(1965, 8, 1)),
                Book.of("Solaris", "978-0156027601", LocalDate.of(1961, 6, 1))));
        assertEquals(2, ids.size());
        assertEquals(2, shelf.count());

        shelf.retitle(ids.get(1), "Solaris (translated)");
        Book read = shelf.byIsbn("978-0156027601").orElseThrow();
        assertEquals("Solaris (translated)", read.title);
        assertEquals(LocalDate.of(1961, 6, 1), read.publishedOn);

        assertTrue(shelf.remove(ids.get(0)));
        assertFalse(shelf.remove(ids.get(0)));
        assertEquals(List.of("978-0156027601"), isbnsOnTheServer());
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() throws SQLException {
        shelf.add(List.of(Book.of("Dune", "978-0441013593", null)));
        // The second book repeats the ISBN: the unique constraint fails the flush, the whole transaction rolls back.
        assertThrows(
                RuntimeException.class,
                () -> shelf.add(List.of(
                        Book.of("Emma", "978-0141439587", null), Book.of("Dune again", "978-0441013593", null))));
        assertEquals(List.of("978-0441013593"), isbnsOnTheServer());
    }

    @Test
    void paging() {
        List<Book> books = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            books.add(Book.of(String.format("Title %02d", i), "isbn-" + i, null));
        }
        shelf.add(books);
        List<Book> third = shelf.page(2, 10);
        assertEquals(
                List.of("Title 20", "Title 21", "Title 22", "Title 23", "Title 24"),
                third.stream().map(b -> b.title).toList());
    }

    /** Round trips per container-managed transaction, counted at the server. */
    @Test
    void requestsPerOperation() {
        shelf.add(List.of(Book.of("Dune", "978-0441013593", null)));
        var counters = TestkitResource.server.counters();

        counters.reset();
        shelf.add(List.of(Book.of("Emma", "978-0141439587", null), Book.of("Ulysses", "978-0199535675", null)));
        long save = counters.httpRequests();

        counters.reset();
        assertTrue(shelf.byIsbn("978-0141439587").isPresent());
        long read = counters.httpRequests();

        counters.reset();
        assertEquals(3, shelf.count());
        long count = counters.httpRequests();

        // IDENTITY ids: each insert is its own request (the id comes back with it), then COMMIT.
        assertEquals(3, save, "requests to save two books");
        // The query, then COMMIT of the transaction that @Transactional opened.
        assertEquals(2, read, "requests to read one book");
        assertEquals(2, count, "requests to count books");
    }

    private static List<String> isbnsOnTheServer() throws SQLException {
        List<String> isbns = new ArrayList<>();
        try (Connection c = direct();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select isbn from books order by isbn")) {
            while (rs.next()) {
                isbns.add(rs.getString(1));
            }
        }
        return isbns;
    }

    private static Connection direct() throws SQLException {
        Properties p = new Properties();
        p.setProperty("password", TestkitResource.TOKEN);
        return DriverManager.getConnection("jdbc:libsql:" + TestkitResource.server.url(), p);
    }
}
