package dev.libsqljpa.examples.blog.app;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.ServerCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the example's data lives: the embedded libsql-testkit server on a local file (default), or
 * the server named by {@code LIBSQL_URL} (with {@code LIBSQL_AUTH_TOKEN}).
 */
final class Target implements AutoCloseable {

    private final String jdbcUrl;
    private final String authToken;
    private final String description;
    private final LibsqlTestServer embedded;

    private Target(String jdbcUrl, String authToken, String description, LibsqlTestServer embedded) {
        this.jdbcUrl = jdbcUrl;
        this.authToken = authToken;
        this.description = description;
        this.embedded = embedded;
    }

    static Target open(Map<String, String> env, Path databaseFile) throws IOException {
        String url = env.get("LIBSQL_URL");
        if (url != null && !url.isBlank()) {
            String jdbcUrl = url.startsWith("jdbc:") ? url : "jdbc:" + url;
            return new Target(jdbcUrl, env.get("LIBSQL_AUTH_TOKEN"), "remote server " + redactQuery(jdbcUrl), null);
        }
        Path parent = databaseFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        LibsqlTestServer server =
                LibsqlTestServer.builder().databaseFile(databaseFile).start();
        return new Target(
                "jdbc:libsql:" + server.url(),
                null,
                "embedded libsql-testkit server at " + server.url() + ", database file " + databaseFile,
                server);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String authToken() {
        return authToken;
    }

    String description() {
        return description;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    /** Request counters of the embedded server; empty for a remote server. */
    Optional<ServerCounters> counters() {
        return embedded == null ? Optional.empty() : Optional.of(embedded.counters());
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.stop();
        }
    }

    private static String redactQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
