package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite on libsql-testkit (standing in for sqld / Turso Cloud). After every test
 * (and while a pool is idle) the server must hold no stream: nothing leaks.
 */
@ExtendWith(LibsqlServerExtension.class)
class TestkitConformanceTest extends JdbcConformanceSuite {
    private LibsqlTestServer server;

    @BeforeEach
    void server(LibsqlTestServer server) {
        this.server = server;
    }

    @Override
    protected String jdbcUrl() {
        return "jdbc:libsql:" + server.url();
    }

    @Override
    protected boolean fullServer() {
        return true;
    }

    @Override
    protected void assertNoStreamsHeld() {
        assertThat(server.counters().openStreams())
                .describedAs("streams held on the server")
                .isZero();
    }
}
