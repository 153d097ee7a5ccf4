package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code haltAfterStatements(n)}: a crash after the n-th statement, and {@code restart()} bringing the server back. */
class HaltHookTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private LibsqlTestServer server;
    private RawHrana hrana;

    @BeforeEach
    void setUp(LibsqlTestServer server) {
        this.server = server;
        this.hrana = new RawHrana(server.url());
        assertThat(hrana.v3(null, execute("CREATE TABLE t (x)"), execute("INSERT INTO t VALUES (1)"), close()).status())
                .isEqualTo(200);
    }

    @Test
    void haltMidTransactionDropsTheConnectionAndLosesOnlyUncommittedWork() {
        String baton = hrana.v3(null, execute("SELECT 1")).baton();
        server.haltAfterStatements(2);

        assertThatThrownBy(() -> hrana.v3(baton, execute("BEGIN"), execute("INSERT INTO t VALUES (2)"), execute("COMMIT")))
                .describedAs("no answer at all").isInstanceOf(UncheckedIOException.class);
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> hrana.get("/v3")).describedAs("no longer accepting").isInstanceOf(UncheckedIOException.class);
        assertThat(server.counters().openStreams()).isZero();

        server.restart();

        assertThat(server.isRunning()).isTrue();
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("1");
        assertThat(hrana.v3(baton, execute("SELECT 1")).body()).isEqualTo("Received an invalid baton");
    }

    @Test
    void haltAfterAnAutocommitStatementKeepsIt() {
        server.haltAfterStatements(1);

        assertThatThrownBy(() -> hrana.v3(null, execute("INSERT INTO t VALUES (3)"), execute("INSERT INTO t VALUES (4)")))
                .isInstanceOf(UncheckedIOException.class);
        server.restart();

        assertThat(hrana.column("SELECT x FROM t ORDER BY x")).containsExactly("1", "3");
        assertThat(hrana.column("PRAGMA integrity_check")).containsExactly("ok");
    }
}
