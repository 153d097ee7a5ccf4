package dev.libsqljpa.hibernate.schema;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test server on a database file in a fresh directory, one per test method ({@code @RegisterExtension}),
 * with the {@link SchemaDb} and {@link Deployer} that talk to it.
 */
final class FileServer implements BeforeEachCallback, AfterEachCallback {

    private final String fileName;
    private Path dir;
    private LibsqlTestServer server;
    private SchemaDb db;

    FileServer(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("libsql-schema-");
        server = LibsqlTestServer.builder()
                .port(0)
                .databaseFile(dir.resolve(fileName))
                .start();
        db = SchemaDb.at("jdbc:libsql:http://127.0.0.1:" + server.port());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    SchemaDb db() {
        return db;
    }

    /** A deployer for this server (it asks for the database on each deploy, so it may be built early). */
    Deployer deployer() {
        return new Deployer(this::db);
    }
}
