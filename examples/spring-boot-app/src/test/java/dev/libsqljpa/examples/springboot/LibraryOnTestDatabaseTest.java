package dev.libsqljpa.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.libsqljpa.spring.boot.test.LibsqlTestDatabase;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/**
 * The application's repository and service on the embedded test server, with one annotation: the
 * data source points at the server whatever {@code spring.datasource.url} says.
 */
@SpringBootTest
@LibsqlTestDatabase(authToken = "test-database-token")
class LibraryOnTestDatabaseTest {

    @Autowired
    LibsqlTestServer server;

    @Autowired
    DataSource dataSource;

    @Autowired
    BookRepository books;

    @Autowired
    Library library;

    @BeforeEach
    void empty() {
        books.deleteAllInBatch();
    }

    @Test
    void dataSourcePointsAtTheTestServer() {
        assertThat(((HikariDataSource) dataSource).getJdbcUrl())
                .describedAs("the test server, not application.properties' 127.0.0.1:8080")
                .isEqualTo("jdbc:libsql:" + server.url());
        assertThat(server.counters().pipelineRequests())
                .describedAs("the application talked to it")
                .isPositive();
    }

    @Test
    void repositoryCrud() {
        Book saved = books.save(new Book("Solaris", "Lem", 1961));
        assertThat(books.findById(saved.getId())).map(Book::getTitle).contains("Solaris");

        saved.setTitle("Solaris (translated)");
        books.save(saved);
        assertThat(books.findById(saved.getId())).map(Book::getTitle).contains("Solaris (translated)");

        books.deleteById(saved.getId());
        assertThat(books.findById(saved.getId())).isEmpty();
        assertThat(books.count()).isZero();
    }

    @Test
    void failedTransactionStoresNothing() {
        library.addAll(List.of(new Book("Fiasco", "Lem", 1986)));
        List<Book> batch = List.of(new Book("The Cyberiad", "Lem", 1965), new Book(" ", "Lem", 1967));

        assertThatThrownBy(() -> library.addAllOrNothing(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing was added");

        // Both rows were flushed to the server before the failure (the ids were assigned); the rollback removed them.
        assertThat(batch).allSatisfy(book -> assertThat(book.getId()).isNotNull());
        assertThat(books.findAll()).extracting(Book::getTitle).containsExactly("Fiasco");
    }

    @Test
    void pagesThroughAnAuthor() {
        library.addAll(List.of(
                new Book("Eden", "Lem", 1959),
                new Book("Solaris", "Lem", 1961),
                new Book("The Invincible", "Lem", 1964),
                new Book("His Master's Voice", "Lem", 1968),
                new Book("Roadside Picnic", "Strugatsky", 1972)));

        Page<Book> first = books.findByAuthorOrderByPublishedAsc("Lem", PageRequest.of(0, 3));
        Page<Book> second = books.findByAuthorOrderByPublishedAsc("Lem", first.nextPageable());

        assertThat(first.getTotalElements()).isEqualTo(4);
        assertThat(first.getTotalPages()).isEqualTo(2);
        assertThat(first.getContent()).extracting(Book::getTitle).containsExactly("Eden", "Solaris", "The Invincible");
        assertThat(second.getContent()).extracting(Book::getTitle).containsExactly("His Master's Voice");
        assertThat(second.hasNext()).isFalse();
    }
}
