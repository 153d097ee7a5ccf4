package dev.libsqljpa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the conformance suite {@code src/test/node/client-conformance.mjs} — the official
 * {@code @libsql/client} (pinned in {@code package.json}, installed by the build with {@code npm ci})
 * against a {@link LibsqlTestServer} — and turns each of its checks into one JUnit test. A check the
 * script marks as a known gap is reported as skipped with its reason.
 *
 * <p>The server runs with an auth token (so every request is authenticated and the 401 check runs)
 * and a {@link ManualClock}; the script's controlled checks ask this test to expire idle streams
 * (advance the clock) or restart the server, over the script's stdin/stdout. The namespace check
 * uses {@code /dev/conformance/} as a second database.
 */
class LibsqlClientConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Duration IDLE_STREAM_TIMEOUT = Duration.ofSeconds(10);
    private static final String AUTH_TOKEN = "conformance-token-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> officialClientAgainstTestkit() throws Exception {
        List<String> listed =
                runScript(List.of("--list", "--controlled", "--namespace-url", "http://unused/"), null, null).stream()
                        .map(line -> line.path("check").asText())
                        .toList();
        assertThat(listed).as("checks listed by the script").isNotEmpty().doesNotHaveDuplicates();

        ManualClock clock = new ManualClock();
        List<JsonNode> lines;
        int openStreamsAfterSuite;
        long streamsOpened;
        long serverHttpRequests;
        try (LibsqlTestServer server = LibsqlTestServer.builder()
                .databaseFile(temp.resolve("conformance.db"))
                .authToken(AUTH_TOKEN)
                .idleStreamTimeout(IDLE_STREAM_TIMEOUT)
                .clock(clock)
                .start()) {
            lines = runScript(
                    List.of("--url", server.url(), "--namespace-url", server.url("conformance") + "/", "--controlled"),
                    server,
                    clock);
            openStreamsAfterSuite = server.counters().openStreams();
            streamsOpened = server.counters().streamsOpened();
            serverHttpRequests = server.counters().httpRequests();
        }

        Map<String, JsonNode> results = new LinkedHashMap<>();
        JsonNode summary = null;
        for (JsonNode line : lines) {
            if (line.has("check")) {
                results.put(line.path("check").asText(), line);
            } else if (line.has("summary")) {
                summary = line.path("summary");
            }
        }
        JsonNode finalSummary = summary;

        List<DynamicTest> tests = new ArrayList<>();
        for (String name : listed) {
            tests.add(DynamicTest.dynamicTest(name, () -> assertCheck(name, results.get(name))));
        }
        tests.add(DynamicTest.dynamicTest("every listed check reported a result, then a summary", () -> {
            assertThat(results.keySet()).containsExactlyElementsOf(listed);
            assertThat(finalSummary).as("summary line").isNotNull();
            assertThat(finalSummary.path("total").asInt()).isEqualTo(listed.size());
        }));
        long clientRequests = results.values().stream()
                .mapToLong(line -> line.path("posts").asLong())
                .sum();
        tests.add(DynamicTest.dynamicTest(
                "the server counted exactly the HTTP requests the client sent",
                () -> assertThat(serverHttpRequests)
                        .as("counters().httpRequests() vs fetch calls of @libsql/client")
                        .isEqualTo(clientRequests)));
        tests.add(DynamicTest.dynamicTest("the client closed every stream it opened", () -> {
            assertThat(streamsOpened).isPositive();
            assertThat(openStreamsAfterSuite).as("open streams after the suite").isZero();
        }));
        return tests.stream();
    }

    /**
     * tursodb speaks only {@code execute} and {@code batch}; the official client always sends more
     * ({@code close} after every execute), so it cannot be used there. Fails when a tursodb upgrade
     * changes that, so docs/servers.md can be updated.
     */
    @Test
    void officialClientCannotTalkToTursodb() throws Exception {
        try (TursoDbServer tursodb = TursoDbServer.start()) {
            List<JsonNode> lines = runScript(List.of("--url", tursodb.url(), "--only", "execute.null"), null, null);

            JsonNode result = lines.get(0);
            assertThat(result.path("check").asText()).isEqualTo("execute.null");
            assertThat(result.path("status").asText()).isEqualTo("failed");
            assertThat(result.path("details").path("code").asText()).isEqualTo("SERVER_ERROR");
            assertThat(result.path("error").asText())
                    .contains("Server returned HTTP status 500")
                    .contains("unknown variant `close`, expected `execute` or `batch`");
        }
    }

    private static void assertCheck(String name, JsonNode result) {
        assertThat(result)
                .as("result line of check %s (did the script crash? see the output above)", name)
                .isNotNull();
        String status = result.path("status").asText();
        if (status.equals("known-gap")) {
            String reason = "KNOWN GAP in @libsql/client check " + name + ": "
                    + result.path("knownGap").asText() + "\n  failure: "
                    + result.path("error").asText();
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        if (!status.equals("passed")) {
            throw new AssertionError("@libsql/client check " + name + " " + status + ":\n"
                    + result.path("error").asText() + "\ndetails: " + result.path("details"));
        }
    }

    /**
     * Runs the script with {@code node} and returns its stdout as JSON lines, answering the script's
     * {@code {"await": ...}} requests on the way. Fails if node is missing, the deadline passes, the
     * script crashes (exit code other than 0 or 1) or a line is not JSON.
     */
    private List<JsonNode> runScript(List<String> arguments, LibsqlTestServer server, ManualClock clock)
            throws IOException, InterruptedException {
        Path script = moduleDirectory().resolve("src/test/node/client-conformance.mjs");
        List<String> command = new ArrayList<>();
        command.add(nodeExecutable());
        command.add(script.toString());
        command.addAll(arguments);
        Path stderr = Files.createTempFile(temp, "client-conformance", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(moduleDirectory().toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("LIBSQL_AUTH_TOKEN", AUTH_TOKEN);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run " + command.get(0) + " (Node.js 20+ must be on the PATH, or set "
                            + "-Dlibsql.node=/path/to/node): " + e.getMessage(),
                    e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(
                () -> {
                    timedOut.set(true);
                    process.destroyForcibly();
                },
                CompletableFuture.delayedExecutor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        List<JsonNode> lines = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer in = process.outputWriter(StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                raw.add(line);
                JsonNode node = parse(line, raw, stderr);
                lines.add(node);
                if (node.has("await")) {
                    perform(node.path("await").asText(), server, clock);
                    in.write("done\n");
                    in.flush();
                }
            }
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut.set(true);
            }
        } finally {
            watchdog.cancel(false);
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (timedOut.get()) {
            throw new AssertionError("client-conformance.mjs did not finish within " + DEADLINE + "; output so far:\n"
                    + String.join("\n", raw) + "\nstderr:\n" + Files.readString(stderr));
        }
        int exit = process.exitValue();
        if (exit != 0 && exit != 1) {
            throw new AssertionError("client-conformance.mjs exited with " + exit + "; stdout:\n"
                    + String.join("\n", raw) + "\nstderr:\n" + Files.readString(stderr));
        }
        return lines;
    }

    private static JsonNode parse(String line, List<String> raw, Path stderr) throws IOException {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(
                    "client-conformance.mjs printed a line that is not JSON: " + line + "\nstdout so far:\n"
                            + String.join("\n", raw) + "\nstderr:\n" + Files.readString(stderr),
                    e);
        }
    }

    private static void perform(String action, LibsqlTestServer server, ManualClock clock) {
        if (server == null) {
            throw new AssertionError("the script asked for " + action + " while only listing checks");
        }
        if (action.equals("expire-idle-streams")) {
            clock.advance(IDLE_STREAM_TIMEOUT.plusSeconds(1));
        } else if (action.equals("restart-server")) {
            server.restart();
        } else {
            throw new AssertionError("unknown request from client-conformance.mjs: " + action);
        }
    }

    /** The libsql-testkit directory (holds package.json, node_modules and src/test/node). */
    private static Path moduleDirectory() {
        String npmDirectory = System.getProperty("libsql.npm.dir");
        Path directory = npmDirectory != null && !npmDirectory.isBlank()
                ? Path.of(npmDirectory)
                : Path.of(System.getProperty("user.dir"));
        if (!Files.isDirectory(directory.resolve("node_modules/@libsql/client"))) {
            throw new AssertionError("@libsql/client is not installed in " + directory.resolve("node_modules")
                    + ": run `mvn -B -pl libsql-testkit -am compile` (npm ci) from the project root");
        }
        return directory;
    }

    private static String nodeExecutable() {
        String configured = System.getProperty("libsql.node");
        return configured != null && !configured.isBlank() ? configured : "node";
    }
}
