package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar target/libsql-testkit.jar}: prints its URL when ready, serves, shuts down cleanly on SIGTERM. */
class LibsqlTestServerJarIT {

    @TempDir
    Path dir;

    @Test
    void runnableJarServesAFileDatabaseUntilTerminated() throws Exception {
        Path jar = Path.of("target", "libsql-testkit.jar");
        assertThat(jar).describedAs("built by the package phase").exists();
        Path db = dir.resolve("app.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java, "-jar", jar.toString(), "--port", "0", "--db", db.toString(), "--auth-token", "jar-token")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                        try {
                            return reader.readLine();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            Matcher url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)$")
                    .matcher(String.valueOf(line));
            assertThat(url.find()).describedAs("first line: " + line).isTrue();

            RawHrana hrana = new RawHrana(url.group(1), "jar-token");
            assertThat(hrana.get("/v3").status()).isEqualTo(200);
            assertThat(hrana.v3(null, execute("CREATE TABLE t (x)"), execute("INSERT INTO t VALUES (42)"), close())
                            .status())
                    .isEqualTo(200);
            assertThat(hrana.withToken(null).v3(null, execute("SELECT 1")).status())
                    .isEqualTo(401);

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .describedAs("exits on SIGTERM")
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.exists(db)).isTrue();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = connection.createStatement().executeQuery("SELECT x FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(42);
        }
    }
}
