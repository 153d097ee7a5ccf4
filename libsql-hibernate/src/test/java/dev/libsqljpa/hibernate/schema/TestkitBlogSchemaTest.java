package dev.libsqljpa.hibernate.schema;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios on the in-JVM libSQL test server through the libSQL JDBC driver. */
class TestkitBlogSchemaTest extends ServerBlogSchemaContract {

    @TempDir
    Path dir;

    private LibsqlTestServer server;
    private int port;
    private SchemaDb db;

    @BeforeEach
    void startServer() {
        server = LibsqlTestServer.builder()
                .port(0)
                .databaseFile(dir.resolve("blog.db"))
                .start();
        port = server.port();
        String url = "jdbc:libsql:http://127.0.0.1:" + port;
        db = SchemaDb.at(url);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Override
    protected SchemaDb db() {
        return db;
    }

    @Override
    protected InterceptingDataSource.Hook crashAfterDdlStatements(int n) {
        // The n-th DDL statement executes (and commits, in autocommit), then the server drops the
        // connection unanswered and stops, like a crash. Probes and metadata queries do not count.
        server.haltAfterDdlStatements(n);
        return sql -> {};
    }

    @Override
    protected void bringBack() {
        if (server.isRunning()) {
            server.restart();
        } else {
            server = LibsqlTestServer.builder()
                    .port(port)
                    .databaseFile(dir.resolve("blog.db"))
                    .start();
        }
    }

    @Override
    protected void takeDown() {
        server.stop();
    }
}
