package dev.libsqljpa.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar libsql-testkit.jar [--port N] [--db FILE] [--auth-token T]}: runs the test server
 * until Ctrl-C or SIGTERM, printing its base URL when ready.
 */
public final class LibsqlTestServerMain {

    private LibsqlTestServerMain() {}

    private static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: java -jar libsql-testkit.jar [--port N] [--db FILE] [--auth-token TOKEN]",
            "",
            "An sqld-compatible libSQL server (Hrana over HTTP, /v2 and /v3 pipelines) on SQLite, for tests.",
            "",
            "  --port N            port on 127.0.0.1 (default 8080; 0 picks a free port)",
            "  --db FILE           SQLite database file (default: in-memory, i.e. a temporary file deleted at exit)",
            "  --auth-token TOKEN  require 'Authorization: Bearer TOKEN' on pipeline requests",
            "  --help              show this help",
            "",
            "Serves until Ctrl-C or SIGTERM. Namespaces: <url>/dev/<name>/v3/pipeline.");

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs the CLI; returns an exit status, or -1 after a clean shutdown of a running server. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        LibsqlTestServer.Builder builder = LibsqlTestServer.builder().port(8080);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            try {
                switch (arg) {
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--port" -> builder.port(Integer.parseInt(value(args, ++i, arg)));
                    case "--db" -> builder.databaseFile(Path.of(value(args, ++i, arg)));
                    case "--auth-token" -> builder.authToken(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            } catch (IllegalArgumentException e) {
                err.println("libsql-testkit: " + e.getMessage());
                err.println(USAGE);
                return 2;
            }
        }
        LibsqlTestServer server;
        try {
            server = builder.start();
        } catch (RuntimeException e) {
            err.println("libsql-testkit: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            stopped.countDown();
                        },
                        "libsql-testkit-shutdown"));
        out.println("libsql-testkit listening on " + server.url());
        out.flush();
        stopped.await();
        return -1;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
