package dev.libsqljpa.hibernate.schema;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios on an in-process SQLite file through org.xerial:sqlite-jdbc (no server). */
class SqliteBlogSchemaTest extends BlogSchemaContract {

    @TempDir
    Path dir;

    @Override
    protected SchemaDb db() {
        String url = "jdbc:sqlite:" + dir.resolve("blog.db");
        return new SchemaDb() {
            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public Map<String, Object> settings() {
                return Map.of();
            }
        };
    }
}
