package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension per method via {@code @RegisterExtension}, configured. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibsqlServerExtensionPerMethodTest {
    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod().configure(b -> b.authToken("s3cret"));

    static LibsqlTestServer first;

    @Test
    @Order(1)
    void startsAConfiguredServer(LibsqlTestServer server) {
        first = server;
        assertThat(libsql.server()).isSameAs(server);
        RawHrana hrana = new RawHrana(server.url(), "s3cret");
        assertThat(hrana.v3(null, execute("CREATE TABLE gone (x)"), close()).status())
                .isEqualTo(200);
        assertThat(hrana.withToken(null).v3(null, execute("SELECT 1")).status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void givesEachMethodAFreshDatabase(LibsqlTestServer server) {
        assertThat(server).isNotSameAs(first);
        assertThat(first.isRunning()).isFalse();
        assertThat(new RawHrana(server.url(), "s3cret").column("SELECT name FROM sqlite_master"))
                .doesNotContain("gone");
    }
}
