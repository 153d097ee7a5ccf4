package dev.libsqljpa.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failed-BEGIN batch on the testkit (streams: each is its own SQLite connection). The other
 * connection's open write transaction makes the batch's {@code BEGIN IMMEDIATE} give up with
 * {@code SQLITE_BUSY} after the server's lock wait; the server's statement counter shows which steps ran.
 */
class TestkitBatchBeginFailureTest extends BatchBeginFailureScenarios {
    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod()
            .configure(builder -> builder.maxLockWait(Duration.ofMillis(200)).writeLockTimeout(Duration.ofSeconds(60)));

    private LibsqlTestServer server;

    @BeforeEach
    void server(LibsqlTestServer server) throws Exception {
        this.server = server;
        start(server.uri());
    }

    @Override
    protected void beforeBatch() {
        server.counters().reset();
    }

    @Override
    protected void assertOnlyTheBeginRan() {
        assertThat(server.counters().pipelineRequests()).isEqualTo(1);
        assertThat(server.counters().statementsExecuted())
                .describedAs("the foreign-key pragma and the BEGIN that failed: no statement, no COMMIT, no ROLLBACK")
                .isEqualTo(2);
    }

    @Override
    protected void assertBeginRefused(SQLException failed) {
        assertThat(failed.getSQLState()).isEqualTo("HY000");
        assertThat(failed.getErrorCode()).describedAs("SQLITE_BUSY").isEqualTo(5);
    }
}
