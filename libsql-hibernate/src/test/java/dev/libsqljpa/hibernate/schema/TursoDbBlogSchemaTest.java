package dev.libsqljpa.hibernate.schema;

import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The scenarios on {@code tursodb --sync-server} (a real server process) through the libSQL driver.
 * tursodb serves one engine connection to all clients, so the driver serialises use of it. A deploy
 * killed midway leaves exactly the statements tursodb had answered, as on the testkit: tursodb 0.7.0
 * would keep every auto-commit write after the schema tool's metadata query (it reads
 * {@code pragma_table_info}) out of its log, but the driver runs that query in a transaction of its
 * own (docs/schema-management.md, "Crash guarantees on tursodb 0.7.0").
 */
class TursoDbBlogSchemaTest extends ServerBlogSchemaContract {

    private TursoDbServer server;
    private SchemaDb db;

    @BeforeEach
    void startServer() {
        server = TursoDbServer.start();
        String url = "jdbc:libsql:http://127.0.0.1:" + server.port();
        db = SchemaDb.at(url);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected SchemaDb db() {
        return db;
    }

    /**
     * tursodb 0.7 quirk: right after a batch was rolled back, its shared connection accepts an
     * {@code ADD COLUMN} of an existing column (or a {@code DROP COLUMN} of a missing one) as a no-op
     * instead of reporting the error, so the replayed statement shows as applied, not as skipped.
     * The schema is right either way; statement by statement the server reports the error and the
     * benign skip is visible.
     */
    @Override
    protected Map<String, Object> racingSettings() {
        return Map.of(SchemaSettings.BATCH, "false");
    }

    /**
     * Counts the answers: when the statement after the n-th DDL statement is about to go out, the n-th
     * has been answered (it took effect), and the server is killed (SIGKILL) before the next one.
     * {@link #bringBack()} restarts it on the same database file. In batch mode nothing is sent before
     * the batch executes, so the kill comes before the batch reaches the server.
     */
    @Override
    protected InterceptingDataSource.Hook crashAfterDdlStatements(int n) {
        AtomicInteger ddl = new AtomicInteger();
        return sql -> {
            if (DDL.matcher(sql).lookingAt() && ddl.incrementAndGet() == n + 1) {
                server.kill();
            }
        };
    }

    private static final Pattern DDL = Pattern.compile("(?i)\\s*(create|alter|drop)\\b");

    @Override
    protected void bringBack() {
        server.restart();
    }

    @Override
    protected void takeDown() {
        server.stop();
    }
}
