package dev.libsqljpa.examples.quarkus;

import dev.libsqljpa.testkit.LibsqlTestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the embedded libSQL server before Quarkus boots and points the datasource at it, so the
 * application runs exactly as configured in application.properties, only with another URL.
 */
public class TestkitResource implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "quarkus-example-token";
    static volatile LibsqlTestServer server;

    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("libsql-quarkus");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = LibsqlTestServer.builder()
                .databaseFile(dir.resolve("books.db"))
                .authToken(TOKEN)
                .start();
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:libsql:" + server.url(), "quarkus.datasource.password", TOKEN);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
