package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import dev.libsqljpa.testkit.junit.LibsqlServerSettings;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @ExtendWith} plus {@link LibsqlServerSettings}: per-method servers with settings. */
@ExtendWith(LibsqlServerExtension.class)
@LibsqlServerSettings(freshPerMethod = true, authToken = "annotated", idleStreamTimeoutMillis = 3000)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibsqlServerSettingsTest {

    static LibsqlTestServer first;

    @Test
    @Order(1)
    void appliesTheSettings(LibsqlTestServer server) {
        first = server;
        assertThat(server.config().idleStreamTimeout()).isEqualTo(Duration.ofSeconds(3));
        RawHrana hrana = new RawHrana(server.url(), "annotated");
        assertThat(hrana.v3(null, execute("CREATE TABLE gone (x)"), close()).status())
                .isEqualTo(200);
        assertThat(hrana.withToken(null).v3(null, execute("SELECT 1")).status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void startsAFreshServerPerMethod(LibsqlTestServer server) {
        assertThat(server).isNotSameAs(first);
        assertThat(first.isRunning()).isFalse();
        assertThat(new RawHrana(server.url(), "annotated").column("SELECT name FROM sqlite_master"))
                .doesNotContain("gone");
    }
}
