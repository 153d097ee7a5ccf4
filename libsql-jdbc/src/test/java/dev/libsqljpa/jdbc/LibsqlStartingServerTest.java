package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that is still starting: its port accepts the first connection and closes it without an answer
 * (as a server does before it is ready), then refuses connections until the server is up. The first contact
 * must wait for it (the detection probe only reads, so it is sent again) instead of failing the connect.
 */
class LibsqlStartingServerTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionClosedUnansweredAtFirstContactIsProbedAgainAndTheConnectWaits() throws Exception {
        ServerSocket port = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LibsqlTestServer server = LibsqlTestServer.builder()
                .port(port.getLocalPort())
                .databaseFile(dir.resolve("late.db"))
                .build();
        CompletableFuture<Void> firstClosedUnanswered = new CompletableFuture<>();
        Thread database = new Thread(() -> {
            try (Socket first = port.accept()) {
                first.getInputStream().read(); // the request has started to arrive
                port.close(); // refuse from now on, then close the first connection without an answer
            } catch (IOException e) {
                firstClosedUnanswered.completeExceptionally(e);
                return;
            }
            firstClosedUnanswered.complete(null);
            server.start();
        });
        Properties properties = new Properties();
        properties.setProperty("connectWait", "20");
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            database.start();
            try (Connection c = driver.connect("jdbc:libsql:http://127.0.0.1:" + port.getLocalPort(), properties);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                assertThat(firstClosedUnanswered.get(10, TimeUnit.SECONDS))
                        .describedAs("the first attempt was closed unanswered")
                        .isNull();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        } finally {
            database.join(TimeUnit.SECONDS.toMillis(30));
            server.stop();
        }
    }
}
