package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Query timeout and cancel against a real server running a slow statement (a fresh tursodb each). */
class TursoDbTimeoutTest {
    /** Far longer than the 1 s timeouts below on any machine (about 1.5 s per 50 million rows on an idle 2-core host). */
    private static final String SLOW = "SELECT count(*) FROM generate_series(1, 2000000000)";

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    @Test
    void queryTimeoutFailsWithHyt00AndBreaksTheConnection(TursoDbServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLTimeoutException e = catchThrowableOfType(SQLTimeoutException.class, () -> s.executeQuery(SLOW));
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("HYT00");
            assertThat(c.isValid(1))
                    .describedAs("the server may still run it: the connection is broken")
                    .isFalse();
        }
    }

    @Test
    void cancelAbortsTheRequestInFlight(TursoDbServer server) throws Exception {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
                Statement s = c.createStatement()) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.executeQuery(SLOW);
                } catch (SQLException e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Object outcome = null;
            while (System.nanoTime() < deadline) {
                s.cancel(); // no effect until the request is in flight
                try {
                    outcome = running.get(20, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    assertThat(running).isNotDone();
                } catch (ExecutionException e) {
                    throw e;
                }
            }
            assertThat(outcome).isInstanceOf(SQLException.class);
            assertThat(((SQLException) outcome).getSQLState()).isEqualTo("57014");
            assertThat(c.isValid(1)).isFalse();
        }
    }
}
