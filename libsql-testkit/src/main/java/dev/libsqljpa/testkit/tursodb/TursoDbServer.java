package dev.libsqljpa.testkit.tursodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A {@code tursodb --sync-server} child process for tests: the only Hrana-over-HTTP server that is
 * published on a public registry (npm {@code @tursodatabase/cli-linux-x64-gnu}, pinned in
 * {@code libsql-testkit/package.json} and installed by the Maven build with {@code npm ci}).
 *
 * <p>{@link #start()} creates a fresh temporary directory holding the database file and the
 * server's log, starts {@code tursodb <db> --sync-server 127.0.0.1:<free port>} and returns once
 * {@code POST /v2/pipeline} answers {@code {"requests":[]}} with 200 (polled with a deadline; the
 * poll waits on the process's exit, so a server that dies during startup is reported at once,
 * with the tail of its log). {@link #close()} stops the process (SIGTERM, then SIGKILL after a
 * deadline) and deletes the directory.
 *
 * <p>For "the server died" tests: {@link #kill()} ends the process abruptly (SIGKILL), {@link #stop()}
 * ends it gracefully, and {@link #restart()} starts it again on the <em>same</em> database file
 * and port, so clients keep their URL.
 *
 * <p>What tursodb does and does not do (only {@code execute}/{@code batch}, one shared engine
 * connection, one TCP connection at a time, no update counts): {@code docs/servers.md}.
 *
 * <p>The binary is found by {@link #resolveBinary()}. A JVM shutdown hook kills a server that a
 * test forgot to close. Instances are thread-safe.
 */
public final class TursoDbServer implements AutoCloseable {

    /** System property naming the tursodb binary explicitly; wins over {@link #NPM_DIR_PROPERTY}. */
    public static final String BINARY_PROPERTY = "libsql.tursodb.binary";

    /**
     * System property naming the directory holding {@code package.json} and {@code node_modules}
     * (the parent pom passes {@code <root>/libsql-testkit} to every surefire run).
     */
    public static final String NPM_DIR_PROPERTY = "libsql.npm.dir";

    /** Where npm puts the binary, relative to the npm directory (the package has no {@code bin} entry). */
    public static final String NPM_BINARY_PATH = "node_modules/@tursodatabase/cli-linux-x64-gnu/tursodb";

    /** The command that installs the pinned npm packages (runs {@code npm ci} in phase initialize). */
    public static final String INSTALL_COMMAND = "mvn -B -pl libsql-testkit -am compile";

    /** Default deadline for the server to answer its first pipeline. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

    /** Default grace period between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    static final String DATABASE_FILE_NAME = "tursodb.db";
    static final String LOG_FILE_NAME = "tursodb.log";

    private static final System.Logger LOG = System.getLogger(TursoDbServer.class.getName());
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long POLL_INTERVAL_MILLIS = 25;
    private static final int PROBE_CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int PROBE_READ_TIMEOUT_MILLIS = 5_000;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final String PROBE_BODY = "{\"requests\":[]}";

    private final Path binary;
    private final Path workDirectory;
    private final Path databaseFile;
    private final Path logFile;
    private final Duration startupTimeout;
    private final Duration shutdownTimeout;
    private final Thread shutdownHook;

    /** The running process, or null while stopped. Volatile for the shutdown hook. */
    private volatile Process process;

    private int port;
    private boolean closed;

    private TursoDbServer(
            Path binary, Path workDirectory, Path databaseFile, Duration startupTimeout, Duration shutdownTimeout) {
        this.binary = binary;
        this.workDirectory = workDirectory;
        this.databaseFile = databaseFile;
        this.logFile = workDirectory.resolve(LOG_FILE_NAME);
        this.startupTimeout = startupTimeout;
        this.shutdownTimeout = shutdownTimeout;
        this.shutdownHook = new Thread(this::killOnJvmExit, "tursodb-shutdown-hook");
    }

    /**
     * Starts a server with the defaults: binary from {@link #resolveBinary()}, fresh database in a
     * new temporary directory, free loopback port.
     *
     * @throws TursoDbException if the binary is missing or the server does not become ready
     */
    public static TursoDbServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds the tursodb binary: system property {@value #BINARY_PROPERTY}, else
     * {@code ${libsql.npm.dir}/}{@value #NPM_BINARY_PATH}; without {@code libsql.npm.dir} (a run from
     * an IDE) it looks for {@code node_modules} in the working directory, in {@code libsql-testkit}
     * below it and in {@code ../libsql-testkit}. Makes the file executable if it is not.
     *
     * @throws TursoDbException naming the path tried and how to install the binary
     */
    public static Path resolveBinary() {
        return resolveBinary(System::getProperty);
    }

    static Path resolveBinary(UnaryOperator<String> properties) {
        String explicit = properties.apply(BINARY_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return checkBinary(Path.of(explicit), "from system property " + BINARY_PROPERTY);
        }
        String npmDirectory = properties.apply(NPM_DIR_PROPERTY);
        if (npmDirectory != null && !npmDirectory.isBlank()) {
            return checkBinary(
                    Path.of(npmDirectory).resolve(NPM_BINARY_PATH),
                    "from system property " + NPM_DIR_PROPERTY + "=" + npmDirectory);
        }
        Path workingDirectory = Path.of(properties.apply("user.dir")).toAbsolutePath();
        List<Path> candidates = List.of(
                workingDirectory.resolve(NPM_BINARY_PATH),
                workingDirectory.resolve("libsql-testkit").resolve(NPM_BINARY_PATH),
                workingDirectory.resolveSibling("libsql-testkit").resolve(NPM_BINARY_PATH));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return checkBinary(candidate, "found from the working directory");
            }
        }
        return checkBinary(
                candidates.get(0),
                "neither " + BINARY_PROPERTY + " nor " + NPM_DIR_PROPERTY + " is set; also looked in "
                        + candidates.subList(1, candidates.size()));
    }

    private static Path checkBinary(Path candidate, String origin) {
        Path path = candidate.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new TursoDbException("tursodb binary not found at " + path + " (" + origin + "). "
                    + "The build installs tursodb 0.7.0 from npm (libsql-testkit/package.json, npm ci): run `"
                    + INSTALL_COMMAND + "` from the project root (needs Node.js 20+ and npm on the PATH), "
                    + "or set -D" + BINARY_PROPERTY + "=/path/to/tursodb." + platformNote());
        }
        if (!Files.isExecutable(path) && !path.toFile().setExecutable(true)) {
            throw new TursoDbException("tursodb binary at " + path + " (" + origin + ") is not executable and "
                    + "its mode cannot be changed: run `chmod +x " + path + "`.");
        }
        return path;
    }

    private static String platformNote() {
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        if (os.toLowerCase(Locale.ROOT).contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "";
        }
        return " Note: the npm package exists for Linux x64 (glibc) only; this JVM runs on " + os + "/" + arch + ".";
    }

    /** {@code http://127.0.0.1:<port>}; the same across {@link #restart()}. */
    public synchronized String url() {
        return "http://" + LOOPBACK.getHostAddress() + ":" + port;
    }

    public synchronized int port() {
        return port;
    }

    public Path binary() {
        return binary;
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /** The server's stdout and stderr (appended across restarts); deleted by {@link #close()}. */
    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The process id of the running server. */
    public synchronized long pid() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException("tursodb is not running");
        }
        return current.pid();
    }

    /**
     * Stops the server gracefully (SIGTERM, SIGKILL after the shutdown timeout) and keeps its
     * files and port number for {@link #restart()}. No-op when it is not running.
     */
    public synchronized void stop() {
        Process current = process;
        process = null;
        if (current != null) {
            terminate(current, shutdownTimeout);
        }
    }

    /**
     * Ends the server abruptly (SIGKILL) like a crash and waits until it is gone; in-flight requests
     * fail, later connections are refused. {@link #restart()} brings it back on the same file and port.
     */
    public synchronized void kill() {
        Process current = process;
        process = null;
        if (current != null) {
            current.destroyForcibly();
            awaitExit(current, KILL_TIMEOUT, "after SIGKILL");
        }
    }

    /**
     * Stops the server if it runs, then starts it again on the same database file and port and waits
     * until it is ready. Fails if the port has been taken meanwhile.
     */
    public synchronized void restart() {
        ensureOpen();
        stop();
        launch(false);
    }

    /**
     * The last lines of the server's log (stdout and stderr), for failure messages.
     */
    public String logTail(int maxLines) {
        return tail(logFile, 0, maxLines);
    }

    /** Stops the server (graceful, then forced) and deletes its temporary directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            removeShutdownHook();
            deleteRecursively(workDirectory);
        }
    }

    @Override
    public String toString() {
        return "TursoDbServer[" + url() + ", " + (isRunning() ? "running" : "stopped") + ", db=" + databaseFile + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("tursodb server was closed: " + databaseFile);
        }
    }

    private void launch(boolean choosePort) {
        int attempts = choosePort ? PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            if (choosePort) {
                port = freeLoopbackPort();
            }
            try {
                process = startProcessAndAwaitReady();
                return;
            } catch (PortInUseException e) {
                if (attempt >= attempts) {
                    throw new TursoDbException(e.getMessage()
                            + (choosePort ? " (tried " + attempts + " free ports)" : " (restart keeps the port)"));
                }
                LOG.log(System.Logger.Level.DEBUG, "tursodb port {0} was taken, choosing another", port);
            }
        }
    }

    private Process startProcessAndAwaitReady() throws PortInUseException {
        List<String> command = List.of(
                binary.toString(), databaseFile.toString(), "--sync-server", LOOPBACK.getHostAddress() + ":" + port);
        long logOffset = appendLogHeader(command);
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            // tursodb does not read stdin in server mode; EOF instead of an open pipe.
            started.getOutputStream().close();
        } catch (IOException e) {
            throw new TursoDbException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        try {
            awaitReady(started, command, logOffset);
            return started;
        } catch (RuntimeException | PortInUseException e) {
            if (started.isAlive()) {
                started.destroyForcibly();
                awaitExit(started, KILL_TIMEOUT, "after a failed start");
            }
            throw e;
        }
    }

    private void awaitReady(Process started, List<String> command, long logOffset) throws PortInUseException {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        String lastSeen = "nothing yet";
        while (true) {
            if (!started.isAlive()) {
                String log = tail(logFile, logOffset, LOG_TAIL_LINES);
                String message = "tursodb exited with code " + started.exitValue() + " during startup ("
                        + String.join(" ", command) + "; log " + logFile + "):\n" + log;
                if (log.contains("Address already in use")) {
                    throw new PortInUseException(message);
                }
                throw new TursoDbException(message);
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                throw new TursoDbException("tursodb did not answer POST /v2/pipeline within " + startupTimeout
                        + " (" + String.join(" ", command) + "; last probe: " + lastSeen + "; log " + logFile + "):\n"
                        + tail(logFile, logOffset, LOG_TAIL_LINES));
            }
            try {
                String answer = probe(port, (int) Math.min(remainingMillis, PROBE_READ_TIMEOUT_MILLIS));
                if (answer == null && started.isAlive()) {
                    return;
                }
                lastSeen = answer == null ? "ready, but the process exited" : answer;
            } catch (IOException e) {
                lastSeen = e.toString();
            }
            waitForExit(started, Math.min(POLL_INTERVAL_MILLIS, Math.max(1, remainingMillis)));
        }
    }

    /** Waits up to {@code millis} for the process to exit: the poll interval of the readiness loop. */
    private static void waitForExit(Process started, long millis) {
        try {
            started.onExit().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            LOG.log(System.Logger.Level.TRACE, "tursodb not ready yet, polling again");
        } catch (ExecutionException e) {
            throw new TursoDbException("waiting for tursodb failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TursoDbException("interrupted while waiting for tursodb to start", e);
        }
    }

    /**
     * Sends {@code POST /v2/pipeline {"requests":[]}} and returns null if tursodb answered 200 with
     * a pipeline response, else a description of what came back.
     */
    static String probe(int port, int timeoutMillis) throws IOException {
        byte[] body = PROBE_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v2/pipeline HTTP/1.1\r\n"
                + "Host: " + LOOPBACK.getHostAddress() + ":" + port + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(LOOPBACK, port), Math.min(timeoutMillis, PROBE_CONNECT_TIMEOUT_MILLIS));
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            boolean ok = response.startsWith("HTTP/1.1 200") || response.startsWith("HTTP/1.0 200");
            if (ok && response.contains("\"results\"")) {
                return null;
            }
            int lineEnd = response.indexOf('\r');
            return "unexpected answer: " + (lineEnd < 0 ? response : response.substring(0, lineEnd));
        }
    }

    private long appendLogHeader(List<String> command) {
        try {
            long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Files.writeString(
                    logFile,
                    "=== " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return offset;
        } catch (IOException e) {
            throw new TursoDbException("cannot write tursodb log " + logFile + ": " + e.getMessage(), e);
        }
    }

    private static String tail(Path file, long fromOffset, int maxLines) {
        if (!Files.exists(file)) {
            return "(no log)";
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int start = (int) Math.min(fromOffset, bytes.length);
            String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return last.isEmpty() ? "(log empty)" : String.join("\n", last);
        } catch (IOException e) {
            return "(cannot read log " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void terminate(Process current, Duration grace) {
        if (!current.isAlive()) {
            return;
        }
        current.destroy();
        if (!awaitExitQuietly(current, grace)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "tursodb pid {0} ignored SIGTERM for {1}, killing it",
                    current.pid(),
                    grace);
            current.destroyForcibly();
            awaitExit(current, KILL_TIMEOUT, "after SIGKILL");
        }
    }

    private static void awaitExit(Process current, Duration timeout, String when) {
        if (!awaitExitQuietly(current, timeout)) {
            throw new TursoDbException("tursodb pid " + current.pid() + " still running " + timeout + " " + when);
        }
    }

    private static boolean awaitExitQuietly(Process current, Duration timeout) {
        try {
            return current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TursoDbException(
                    "interrupted while stopping tursodb pid " + current.pid() + " (sent SIGKILL)", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    private void killOnJvmExit() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            try {
                current.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.log(System.Logger.Level.WARNING, "interrupted while killing tursodb pid " + current.pid(), e);
                return;
            }
        }
        deleteRecursively(workDirectory);
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            LOG.log(System.Logger.Level.DEBUG, "JVM is shutting down; the tursodb hook runs anyway", jvmShuttingDown);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all =
                    new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete tursodb directory " + directory, e);
        }
    }

    /** tursodb exited with "Address already in use": another port may be tried. */
    private static final class PortInUseException extends Exception {
        PortInUseException(String message) {
            super(message);
        }
    }

    /** Options for {@link TursoDbServer}; {@link #start()} launches the server. */
    public static final class Builder {
        private Path binary;
        private Path parentDirectory;
        private Path databaseFile;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {}

        /** The tursodb executable; default {@link TursoDbServer#resolveBinary()}. */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /** Where the server's temporary directory is created; default {@code java.io.tmpdir}. */
        public Builder parentDirectory(Path parentDirectory) {
            this.parentDirectory = Objects.requireNonNull(parentDirectory, "parentDirectory");
            return this;
        }

        /**
         * Serve this database file instead of a fresh one. {@link TursoDbServer#close()} then deletes
         * only the log directory, never this file. tursodb never checkpoints its WAL: prefer fresh files.
         */
        public Builder databaseFile(Path databaseFile) {
            this.databaseFile = Objects.requireNonNull(databaseFile, "databaseFile");
            return this;
        }

        /** Deadline for the first answered pipeline; default 30 s. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = positive(startupTimeout, "startupTimeout");
            return this;
        }

        /** Grace period between SIGTERM and SIGKILL on {@code stop()}/{@code close()}; default 10 s. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = positive(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }

        /**
         * Starts the server and waits until it answers.
         *
         * @throws TursoDbException binary missing, process exited, or not ready in time (with the log tail)
         */
        public TursoDbServer start() {
            Path resolvedBinary =
                    binary != null ? checkBinary(binary, "set with TursoDbServer.Builder.binary") : resolveBinary();
            Path workDirectory;
            try {
                workDirectory = parentDirectory == null
                        ? Files.createTempDirectory("tursodb-")
                        : Files.createTempDirectory(Files.createDirectories(parentDirectory), "tursodb-");
            } catch (IOException e) {
                throw new TursoDbException("cannot create a directory for tursodb: " + e.getMessage(), e);
            }
            Path database =
                    databaseFile != null ? databaseFile.toAbsolutePath() : workDirectory.resolve(DATABASE_FILE_NAME);
            TursoDbServer server =
                    new TursoDbServer(resolvedBinary, workDirectory, database, startupTimeout, shutdownTimeout);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            try {
                synchronized (server) {
                    server.launch(true);
                }
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }
}
