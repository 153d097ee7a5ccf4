package dev.libsqljpa.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import org.junit.jupiter.api.Test;

/**
 * The customizer factory looks for libsql-testkit by class name (so that applications without it never
 * load it); after a rename on the testkit side every {@code @LibsqlTestDatabase} test would fail with a
 * misleading "add libsql-testkit" message. This test names the cause instead.
 */
class TestkitLinkTest {

    @Test
    void factoryLooksForTheTestServerClass() {
        assertThat(LibsqlTestDatabaseContextCustomizerFactory.TESTKIT_CLASS)
                .isEqualTo(LibsqlTestServer.class.getName());
    }
}
