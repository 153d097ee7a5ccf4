package dev.libsqljpa.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code @libsql/client} baseline: {@code bench/src/test/node/client-bench.mjs} in a long-lived
 * {@code node} process, one command per measured round. Node is found as the testkit's conformance test
 * finds it ({@code -Dlibsql.node}, else {@code node} on the PATH); the client comes from the pinned
 * packages in {@code libsql-testkit/node_modules} ({@code libsql.npm.dir}).
 */
final class NodeClient implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private NodeClient(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    static NodeClient start(String url) throws IOException {
        return new NodeClient(new ProcessBuilder(command(url, false))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
    }

    /** Node process start to the first result of {@code SELECT 1}, in ms (the process's own clock). */
    static long coldStartMillis(String url) throws IOException, InterruptedException {
        String line = Jvm.lastLine(command(url, true), "{\"firstResultMs\":");
        if (line.startsWith("noresult ")) {
            throw new IllegalStateException("client-bench.mjs --cold printed no result: " + line);
        }
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** Runs {@code ops} operations of a scenario of the script; returns total wall and CPU time in µs. */
    Measure.Sample run(String scenario, int ops, int base) throws IOException {
        in.println("{\"scenario\":\"" + scenario + "\",\"ops\":" + ops + ",\"base\":" + base + "}");
        String line = out.readLine();
        if (line == null || !line.contains("wallMicros")) {
            throw new IllegalStateException("client-bench.mjs answered " + line);
        }
        return new Measure.Sample(
                Double.parseDouble(line.replaceAll(".*\"wallMicros\":([0-9.eE+-]+).*", "$1")),
                Double.parseDouble(line.replaceAll(".*\"cpuMicros\":([0-9.eE+-]+).*", "$1")));
    }

    private static List<String> command(String url, boolean cold) {
        String node = System.getProperty("libsql.node");
        String npmDir = System.getProperty("libsql.npm.dir");
        Path npm = npmDir != null && !npmDir.isBlank() ? Path.of(npmDir) : Path.of("..", "libsql-testkit");
        if (!Files.isDirectory(npm.resolve("node_modules/@libsql/client"))) {
            throw new IllegalStateException("@libsql/client is not installed in " + npm.resolve("node_modules")
                    + ": run the bench without -Dlibsql.npm.skip once (npm ci)");
        }
        Path script = Path.of("src", "test", "node", "client-bench.mjs");
        String executable = node != null && !node.isBlank() ? node : "node";
        return cold
                ? List.of(executable, script.toString(), "--npm-dir", npm.toString(), "--url", url, "--cold")
                : List.of(executable, script.toString(), "--npm-dir", npm.toString(), "--url", url);
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        process.waitFor();
    }
}
