package dev.libsqljpa.it.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.crud.Item;
import dev.libsqljpa.it.crud.ItemResource;
import dev.libsqljpa.it.crud.ItemService;
import dev.libsqljpa.it.support.DatabaseFile;
import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.ItServer;
import dev.libsqljpa.it.support.LibsqlInstaller;
import dev.libsqljpa.it.support.LibsqlModuleSetup;
import dev.libsqljpa.it.support.SharedLibsql;
import dev.libsqljpa.it.support.Wars;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application deploys while its database is still down (a container start racing a database start): the
 * deployment must wait for the database instead of failing. The database's port first answers nothing (the first
 * connection attempt is closed unanswered), then refuses connections for {@link #DATABASE_DOWN}, then the libSQL
 * server starts on it; nothing sleeps, neither here nor in the application (a scheduled start, bounded waits).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StartupOrderingIT {

    private static final String DATASOURCE = "LateDS";
    /** How long the database stays down (port refusing) after the first attempt: far beyond the transport's retries. */
    private static final Duration DATABASE_DOWN = Duration.ofSeconds(5);

    private static final String JNDI_NAME = "java:jboss/datasources/LateDS";

    @Deployment(name = "late", managed = false, testable = false)
    static WebArchive app() {
        return Wars.jpa("late", JNDI_NAME, Item.class, ItemService.class, ItemResource.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void deploymentWaitsForADatabaseThatStartsLater() throws Exception {
        LibsqlModuleSetup.ensureInstalled();
        ItServer server = ItServer.current();
        String token = SharedLibsql.newToken();
        // The port only answers the application's first connection attempt (closing it unanswered, like a
        // database that is not ready); then the real server starts on it.
        ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        probe.setSoTimeout(300_000);
        LibsqlTestServer late = LibsqlTestServer.builder()
                .port(probe.getLocalPort())
                .authToken(token)
                .build();
        LibsqlInstaller.addDatasource(
                server,
                new LibsqlInstaller.Datasource(
                        DATASOURCE, JNDI_NAME, "jdbc:libsql:http://127.0.0.1:" + probe.getLocalPort(), token));
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        AtomicBoolean deployFinished = new AtomicBoolean();
        AtomicBoolean deployFinishedBeforeDatabaseStart = new AtomicBoolean();
        AtomicLong firstAttemptAt = new AtomicLong();
        CompletableFuture<Void> started = new CompletableFuture<>();
        boolean deployed = false;
        try {
            starter.execute(() -> {
                try (probe;
                        Socket firstAttempt = probe.accept()) {
                    firstAttemptAt.set(System.nanoTime());
                } catch (IOException e) {
                    started.completeExceptionally(e);
                    return;
                }
                // From here the port refuses connections, for longer than the transport's retries.
                starter.schedule(
                        () -> {
                            deployFinishedBeforeDatabaseStart.set(deployFinished.get());
                            late.start();
                            started.complete(null);
                        },
                        DATABASE_DOWN.toMillis(),
                        TimeUnit.MILLISECONDS);
            });

            deployer.deploy("late");
            long deployedAt = System.nanoTime();
            deployed = true;
            deployFinished.set(true);

            started.get(60, TimeUnit.SECONDS);
            assertThat(deployFinishedBeforeDatabaseStart)
                    .as("the deployment was still running when the database started")
                    .isFalse();
            assertThat(Duration.ofNanos(deployedAt - firstAttemptAt.get()))
                    .as("the deployment waited from its first connection attempt until the database was up")
                    .isGreaterThanOrEqualTo(DATABASE_DOWN);
            assertThat(DatabaseFile.columns(late.databaseFile(), "it_item"))
                    .containsExactlyInAnyOrder("id", "name", "version");
            Http http = new Http(server.baseUrl("late"));
            Http.Response created = http.post("api/items", "written-after-late-start");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(http.get("api/items/count?name=written-after-late-start").body())
                    .isEqualTo("1");
        } finally {
            starter.shutdownNow();
            if (deployed) {
                deployer.undeploy("late");
            }
            probe.close();
            late.stop();
            LibsqlInstaller.removeDatasource(server, DATASOURCE);
        }
    }
}
