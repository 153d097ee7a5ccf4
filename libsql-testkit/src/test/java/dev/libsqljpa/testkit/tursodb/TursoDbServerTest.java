package dev.libsqljpa.testkit.tursodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TursoDbServerTest {

    @TempDir
    Path temp;

    @Test
    void startsOnLoopbackAndAnswersExecute() throws Exception {
        try (TursoDbServer server = TursoDbServer.start()) {
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
            assertThat(server.isRunning()).isTrue();
            assertThat(server.databaseFile()).exists();

            JsonNode result = TursoDb.execute(server.url(), "select 40 + 2, sqlite_version()");

            assertThat(result.path("rows").path(0).path(0).path("value").asText())
                    .isEqualTo("42");
            assertThat(result.path("rows").path(0).path(1).path("value").asText())
                    .startsWith("3.");
        }
    }

    @Test
    void eachServerHasItsOwnPortAndFreshDatabase() throws Exception {
        try (TursoDbServer first = TursoDbServer.start();
                TursoDbServer second = TursoDbServer.start()) {
            TursoDb.execute(first.url(), "create table only_in_first (id integer primary key)");

            assertThat(second.port()).isNotEqualTo(first.port());
            assertThat(second.databaseFile()).isNotEqualTo(first.databaseFile());
            JsonNode tables =
                    TursoDb.execute(second.url(), "select count(*) from sqlite_schema where name = 'only_in_first'");
            assertThat(TursoDb.singleValue(tables).path("value").asText()).isEqualTo("0");
        }
    }

    @Test
    void closeStopsTheProcessFreesThePortAndDeletesItsFiles() throws Exception {
        TursoDbServer server = TursoDbServer.start();
        TursoDb.execute(server.url(), "create table t (x)");
        long pid = server.pid();
        int port = server.port();
        Path directory = server.databaseFile().getParent();

        server.close();
        server.close(); // idempotent

        assertThat(server.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(directory).doesNotExist();
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
        assertThatThrownBy(server::restart)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void restartKeepsDataAndPort() throws Exception {
        try (TursoDbServer server = TursoDbServer.start()) {
            String url = server.url();
            long firstPid = server.pid();
            TursoDb.execute(url, "create table kept (v text)");
            TursoDb.execute(url, "insert into kept values ('survives')");

            server.restart();

            assertThat(server.url()).isEqualTo(url);
            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(TursoDb.singleValue(TursoDb.execute(url, "select v from kept"))
                            .path("value")
                            .asText())
                    .isEqualTo("survives");
        }
    }

    @Test
    void killedServerRefusesConnectionsUntilRestarted() throws Exception {
        try (TursoDbServer server = TursoDbServer.start()) {
            TursoDb.execute(server.url(), "create table crash (v integer)");
            TursoDb.execute(server.url(), "insert into crash values (7)");

            server.kill();

            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> TursoDb.post(server.url(), "{\"requests\":[]}"))
                    .isInstanceOf(ConnectException.class);

            server.restart();

            assertThat(TursoDb.singleValue(TursoDb.execute(server.url(), "select v from crash"))
                            .path("value")
                            .asText())
                    .isEqualTo("7");
        }
    }

    @Test
    void stopKeepsFilesForRestart() throws Exception {
        try (TursoDbServer server = TursoDbServer.start()) {
            server.stop();
            server.stop(); // no-op when stopped

            assertThat(server.isRunning()).isFalse();
            assertThat(server.databaseFile()).exists();
            assertThatThrownBy(server::pid).isInstanceOf(IllegalStateException.class);

            server.restart();
            assertThat(TursoDb.execute(server.url(), "select 1").path("rows")).hasSize(1);
        }
    }

    @Test
    void missingBinaryFailsNamingThePathAndTheFix() {
        Path missing = temp.resolve("no-such-dir/tursodb");

        assertThatThrownBy(() -> TursoDbServer.builder().binary(missing).start())
                .isInstanceOf(TursoDbException.class)
                .hasMessageContaining("tursodb binary not found at " + missing)
                .hasMessageContaining(TursoDbServer.INSTALL_COMMAND)
                .hasMessageContaining("-D" + TursoDbServer.BINARY_PROPERTY);
    }

    @Test
    void missingNpmInstallFailsNamingTheNpmDirectory() {
        Map<String, String> properties =
                Map.of(TursoDbServer.NPM_DIR_PROPERTY, temp.toString(), "user.dir", temp.toString());

        assertThatThrownBy(() -> TursoDbServer.resolveBinary(properties::get))
                .isInstanceOf(TursoDbException.class)
                .hasMessageContaining(
                        temp.resolve(TursoDbServer.NPM_BINARY_PATH).toString())
                .hasMessageContaining(TursoDbServer.NPM_DIR_PROPERTY + "=" + temp)
                .hasMessageContaining("npm ci");
    }

    @Test
    void binaryPropertyWinsOverNpmDirectoryAndIsMadeExecutable() throws IOException {
        Path binary = Files.writeString(temp.resolve("tursodb"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> properties = Map.of(
                TursoDbServer.BINARY_PROPERTY, binary.toString(),
                TursoDbServer.NPM_DIR_PROPERTY, temp.resolve("elsewhere").toString());

        assertThat(TursoDbServer.resolveBinary(properties::get)).isEqualTo(binary);
        assertThat(Files.isExecutable(binary)).isTrue();
    }

    @Test
    void npmDirectoryPropertyLocatesTheInstalledBinary() {
        // Surefire passes libsql.npm.dir; the build's npm ci installed the binary there.
        Path resolved = TursoDbServer.resolveBinary();

        assertThat(resolved).endsWith(Path.of(TursoDbServer.NPM_BINARY_PATH));
        assertThat(Files.isExecutable(resolved)).isTrue();
    }

    @Test
    void processExitingDuringStartupIsReportedWithExitCodeAndLogTail() throws IOException {
        Path fake = script("fake-exit", "echo \"fatal: cannot open database $1\" >&2\nexit 3\n");

        assertThatThrownBy(() -> TursoDbServer.builder().binary(fake).start())
                .isInstanceOf(TursoDbException.class)
                .hasMessageContaining("exited with code 3 during startup")
                .hasMessageContaining("fatal: cannot open database");
    }

    @Test
    void serverThatNeverAnswersFailsAtTheDeadlineAndIsKilled() throws IOException {
        Path pidFile = temp.resolve("pid");
        Path fake = script("fake-silent", "echo $$ > '" + pidFile + "'\necho listening-not\nexec sleep 120\n");

        assertThatThrownBy(() -> TursoDbServer.builder()
                        .binary(fake)
                        .startupTimeout(Duration.ofMillis(700))
                        .start())
                .isInstanceOf(TursoDbException.class)
                .hasMessageContaining("did not answer POST /v2/pipeline within PT0.7S")
                // the last probe is refused, or times out when the deadline ends during its connect
                .hasMessageContaining("last probe: ")
                .hasMessageContaining("listening-not");
        long pid = Long.parseLong(
                Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private Path script(String name, String body) throws IOException {
        Path file = Files.writeString(temp.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
