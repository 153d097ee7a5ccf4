package dev.libsqljpa.examples.blog.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.logging.LogManager;

/**
 * The blog example's entry point.
 *
 * <pre>
 * java -jar examples/blog/target/blog-example.jar [run|replay [--flyway]] [--db FILE]
 * </pre>
 *
 * <p>{@code run} (default) applies the current schema (v5), writes a series of posts with images in
 * one transaction and reads them back with a few typical queries, printing what the schema tool did
 * and the HTTP requests and time of each step. {@code replay} walks the model from v1 to v5 on a
 * fresh database, then reruns v5 to show that a repeated deployment applies nothing. With
 * {@code LIBSQL_URL} (and {@code LIBSQL_AUTH_TOKEN}) set, the same steps run against that server.
 */
public final class BlogApp {

    static final Path DEFAULT_DB = Path.of("target", "blog-example", "blog.db");
    static final Path DEFAULT_REPLAY_DB = Path.of("target", "blog-example", "replay.db");

    private BlogApp() {}

    public static void main(String[] args) {
        configureLogging();
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream config = BlogApp.class.getResourceAsStream("/blog-logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("blog example: could not read its logging configuration: " + e);
        }
    }

    /** Runs the example; returns the process exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        // HikariCP checks a borrowed connection with isValid() (one HTTP request) when it has been idle
        // for more than 500 ms. A libsql-jdbc connection holds no socket or server stream while idle,
        // so there is nothing to go stale: check only after 30 s idle, unless the user said otherwise.
        if (System.getProperty("com.zaxxer.hikari.aliveBypassWindowMs") == null) {
            System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "30000");
        }
        String mode = "run";
        Path db = null;
        boolean flyway = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "run", "replay" -> mode = arg;
                case "--flyway" -> flyway = true;
                case "--db" -> {
                    if (i + 1 >= args.length) {
                        err.println("--db needs a file name");
                        return 2;
                    }
                    db = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    out.println("usage: blog-example [run|replay] [--db FILE]");
                    out.println("  run     apply the v5 schema, write and read posts (default)");
                    out.println("  replay  apply v1..v5 in order on a fresh database, then rerun v5");
                    out.println("  --flyway  with replay: apply each version with the Flyway migrations V1..V5");
                    out.println("            (db/blog-history) and let the application only validate the schema");
                    out.println("  --db    database file of the embedded server (default " + DEFAULT_DB + ")");
                    out.println("env LIBSQL_URL, LIBSQL_AUTH_TOKEN: use that server instead of the embedded one");
                    return 0;
                }
                default -> {
                    err.println("unknown argument '" + arg + "' (try --help)");
                    return 2;
                }
            }
        }
        boolean replay = mode.equals("replay");
        Path file = db != null ? db : replay ? DEFAULT_REPLAY_DB : DEFAULT_DB;
        try {
            if (replay && !env.containsKey("LIBSQL_URL")) {
                BlogDatabase.deleteDatabaseFiles(file);
            }
            try (Target target = Target.open(env, file)) {
                out.println(
                        "libsql-jpa blog example (" + mode.toUpperCase(Locale.ROOT) + (flyway ? ", FLYWAY" : "") + ")");
                out.println("target: " + target.description());
                Report report = new Report(out, target.counters());
                if (replay) {
                    new Replay(target, report, flyway).run();
                } else {
                    new BlogRun(target, report).run();
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("blog example failed: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by: " + cause);
            }
            return 1;
        }
    }
}
