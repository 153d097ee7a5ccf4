package dev.libsqljpa.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.libsqljpa.jdbc.LibsqlDriver;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/**
 * The application started the way a user starts it: nothing but {@code spring.datasource.url} and
 * {@code libsql.auth-token} (no driver class, no dialect, no pool settings), against a server that
 * requires the token. Every number is the exact count of HTTP requests the server received.
 */
class StartedFromUrlTest {

    private static final String TOKEN = "started-from-url-token";

    private static LibsqlTestServer server;
    private static ConfigurableApplicationContext app;
    private static long startUpRequests;

    @BeforeAll
    static void start() {
        server = LibsqlTestServer.builder().authToken(TOKEN).start();
        app = new SpringApplicationBuilder(SpringBootExampleApplication.class)
                .run("--spring.datasource.url=jdbc:libsql:" + server.url(), "--libsql.auth-token=" + TOKEN);
        startUpRequests = server.counters().httpRequests();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            SpringApplication.exit(app);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void startsWithUrlAndTokenOnly() {
        HikariDataSource pool = (HikariDataSource) app.getBean(DataSource.class);
        assertThat(pool.getDriverClassName())
                .describedAs("driver class supplied by the starter")
                .isEqualTo(LibsqlDriver.class.getName());
        assertThat(pool.getKeepaliveTime())
                .describedAs("no keepalive round trips")
                .isZero();
        assertThat(app.getEnvironment().getProperty("spring.jpa.properties.hibernate.jdbc.batch_size"))
                .isEqualTo("50");
        assertThat(pool.getPassword())
                .describedAs("libsql.auth-token reaches the pool as its (masked) password")
                .isEqualTo(TOKEN);
        assertThat(pool.toString())
                .describedAs("the pool's description does not print the token")
                .doesNotContain(TOKEN);
        // Server detection (which also reads the engine version Hibernate asks for), the schema update's
        // readiness check (which is its one metadata query) and CREATE TABLE. The pool's isValid checks
        // (surefire sets Hikari's bypass window to -1, so every borrow is checked) cost no request: the
        // driver answers them locally.
        assertThat(startUpRequests)
                .describedAs("HTTP requests to start the application")
                .isEqualTo(3);
    }

    @Test
    void saveReadPageCostExactRequests() {
        BookRepository books = app.getBean(BookRepository.class);
        Library library = app.getBean(Library.class);

        long before = server.counters().httpRequests();
        Book saved = books.save(new Book("Dune", "Herbert", 1965));
        long save = server.counters().httpRequests() - before;

        before = server.counters().httpRequests();
        Optional<Book> read = books.findById(saved.getId());
        long findById = server.counters().httpRequests() - before;

        before = server.counters().httpRequests();
        library.addAll(List.of(
                new Book("Children of Dune", "Herbert", 1976),
                new Book("Dune Messiah", "Herbert", 1969),
                new Book("God Emperor of Dune", "Herbert", 1981)));
        long saveAllThree = server.counters().httpRequests() - before;

        before = server.counters().httpRequests();
        Page<Book> page = books.findByAuthorOrderByPublishedAsc("Herbert", PageRequest.of(1, 2));
        long pageRead = server.counters().httpRequests() - before;

        assertThat(read).map(Book::getTitle).contains("Dune");
        assertThat(page.getTotalElements()).isEqualTo(4);
        assertThat(page.getContent())
                .extracting(Book::getTitle)
                .containsExactly("Children of Dune", "God Emperor of Dune");
        assertThat(List.of(save, findById, saveAllThree, pageRead))
                .describedAs("requests for save, findById, addAll(3), page 2 of findByAuthor")
                // save and addAll: the commit's flush leaves its insert rows (UUID ids, batched) to ride
                // COMMIT, so BEGIN, the rows and COMMIT are one request; findById and page run in read-only
                // transactions (Spring marks the connection read-only): each query is one request without
                // BEGIN and the commit sends nothing (page: the page and count queries). Each borrow's
                // isValid check costs nothing.
                .containsExactly(1L, 1L, 1L, 2L);
    }

    /**
     * What an idle application costs: HikariCP's housekeeping is all that runs. With the starter's
     * defaults it sends nothing. Keepalive is off. Minimum idle equals the pool size, so no idle
     * timeout retires connections. What remains (every 30 s, and at the latest after max-lifetime) is
     * retiring and re-creating connections and validating them on the next borrow: exercised here by
     * evicting every connection and letting the pool refill, then borrowing all of them. None costs
     * a request, because a libsql-jdbc connection holds no server state outside a transaction.
     */
    @Test
    void anIdlePoolSendsNoRequest() throws Exception {
        HikariDataSource pool = (HikariDataSource) app.getBean(DataSource.class);
        assertThat(pool.getKeepaliveTime()).describedAs("keepalive").isZero();
        assertThat(pool.getMinimumIdle())
                .describedAs("minimum idle: the pool size, so nothing is retired for idling")
                .isEqualTo(pool.getMaximumPoolSize());
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        awaitTotalConnections(mx, pool.getMaximumPoolSize());

        long before = server.counters().httpRequests();
        mx.softEvictConnections();
        awaitTotalConnections(mx, pool.getMaximumPoolSize());
        List<Connection> borrowed = new ArrayList<>();
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
            Connection connection = pool.getConnection();
            borrowed.add(connection);
            assertThat(connection.isValid(5)).isTrue();
        }
        for (Connection connection : borrowed) {
            connection.close();
        }
        long idle = server.counters().httpRequests() - before;

        assertThat(idle)
                .describedAs("requests to retire, re-create, validate and lend every pooled connection")
                .isZero();
    }

    /** Polls until the pool holds {@code expected} connections (it refills on its own thread), failing after 30 s. */
    private static void awaitTotalConnections(HikariPoolMXBean mx, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mx.getTotalConnections() != expected || mx.getIdleConnections() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the pool did not refill to " + expected + " connections in 30 s; last seen: total "
                                + mx.getTotalConnections() + ", idle " + mx.getIdleConnections());
            }
            Thread.onSpinWait();
        }
    }
}
