package dev.libsqljpa.hibernate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Interim: the matrix on org.xerial:sqlite-jdbc with the dialect named explicitly. */
class SqliteJdbcJpaMatrixTest extends JpaMatrixContract {

    private Path dir;

    @Override
    protected Map<String, Object> startServer() throws Exception {
        dir = Files.createTempDirectory("libsql-hibernate");
        return Map.of(
                "jakarta.persistence.jdbc.url", "jdbc:sqlite:" + dir.resolve("matrix.db") + "?foreign_keys=on",
                "hibernate.dialect", LibsqlDialect.class.getName());
    }

    @Override
    protected void stopServer() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
