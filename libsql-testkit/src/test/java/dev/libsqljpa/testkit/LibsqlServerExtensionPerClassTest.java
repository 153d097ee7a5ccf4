package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JUnit 5 extension with {@code @ExtendWith}: one server per class, injected into parameters. */
@ExtendWith(LibsqlServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibsqlServerExtensionPerClassTest {
    static LibsqlTestServer fromBeforeAll;

    @BeforeAll
    static void beforeAll(LibsqlTestServer server) {
        fromBeforeAll = server;
    }

    @Test
    @Order(1)
    void injectsARunningServer(LibsqlTestServer server) {
        assertThat(server).isSameAs(fromBeforeAll);
        assertThat(server.isRunning()).isTrue();
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(new RawHrana(server.url())
                        .v3(null, execute("CREATE TABLE kept (x)"), close())
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void keepsTheDatabaseAcrossMethods(LibsqlTestServer server) {
        assertThat(new RawHrana(server.url()).column("SELECT name FROM sqlite_master"))
                .contains("kept");
    }

    @AfterAll
    static void afterAll() {
        assertThat(fromBeforeAll.isRunning())
                .describedAs("stopped only after @AfterAll")
                .isTrue();
    }
}
