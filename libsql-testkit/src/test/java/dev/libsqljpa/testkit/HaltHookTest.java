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
        assertThat(hrana.v3(null, execute("CREATE TABLE t (x)"), execute("INSERT INTO t VALUES (1)"), close())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void haltMidTransactionDropsTheConnectionAndLosesOnlyUncommittedWork() {
        String baton = hrana.v3(null, execute("SELECT 1")).baton();
        server.haltAfterStatements(2);

        assertThatThrownBy(
                        () -> hrana.v3(baton, execute("BEGIN"), execute("INSERT INTO t VALUES (2)"), execute("COMMIT")))
                .describedAs("no answer at all")
                .isInstanceOf(UncheckedIOException.class);
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> hrana.get("/v3"))
                .describedAs("no longer accepting")
                .isInstanceOf(UncheckedIOException.class);
        assertThat(server.counters().openStreams()).isZero();

        server.restart();

        assertThat(server.isRunning()).isTrue();
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("1");
        assertThat(hrana.v3(baton, execute("SELECT 1")).body()).isEqualTo("Received an invalid baton");
    }

    @Test
    void haltAfterAnAutocommitStatementKeepsIt() {
        server.haltAfterStatements(1);

        assertThatThrownBy(
                        () -> hrana.v3(null, execute("INSERT INTO t VALUES (3)"), execute("INSERT INTO t VALUES (4)")))
                .isInstanceOf(UncheckedIOException.class);
        server.restart();

        assertThat(hrana.column("SELECT x FROM t ORDER BY x")).containsExactly("1", "3");
        assertThat(hrana.column("PRAGMA integrity_check")).containsExactly("ok");
    }

    @Test
    void haltAfterDdlStatementsCountsNeitherThePragmaPrefixNorQueries() {
        server.haltAfterDdlStatements(2);

        assertThatThrownBy(() -> hrana.v3(
                        null,
                        execute("PRAGMA foreign_keys=ON"),
                        execute("SELECT 1"),
                        execute("CREATE TABLE a (x)"),
                        execute("INSERT INTO t VALUES (5)"),
                        execute("ALTER TABLE a ADD COLUMN y"),
                        execute("CREATE TABLE b (x)")))
                .describedAs("the crash comes right after the second DDL statement, unanswered")
                .isInstanceOf(UncheckedIOException.class);
        server.restart();

        assertThat(hrana.column("SELECT name FROM pragma_table_info('a') ORDER BY cid"))
                .containsExactly("x", "y");
        assertThat(hrana.column("SELECT x FROM t ORDER BY x")).containsExactly("1", "5");
        assertThat(hrana.column("SELECT count(*) FROM sqlite_schema WHERE name = 'b'"))
                .containsExactly("0");
    }

    @Test
    void haltAfterStatementsWithAFilterCountsOnlyMatchingStatements() {
        server.haltAfterStatements(1, sql -> sql.contains("VALUES (7)"));

        assertThatThrownBy(() -> hrana.v3(
                        null,
                        execute("INSERT INTO t VALUES (6)"),
                        execute("INSERT INTO t VALUES (7)"),
                        execute("INSERT INTO t VALUES (8)")))
                .isInstanceOf(UncheckedIOException.class);
        server.restart();

        assertThat(hrana.column("SELECT x FROM t ORDER BY x")).containsExactly("1", "6", "7");
    }
}
