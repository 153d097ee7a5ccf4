package dev.libsqljpa.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.libsqljpa.bench.Measure.Counted;
import dev.libsqljpa.bench.Measure.Row;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness, one command (docs/performance.md): starts the testkit server and its counting,
 * delaying proxies in a JVM of their own ({@link BenchServers}, so this JVM's CPU time is the client's),
 * runs every scenario at 0 ms and 10 ms each way with libsql-jdbc, JPA on Hibernate 7 and the baselines
 * (raw JDK HttpClient, {@code @libsql/client} on Node, sqlite-jdbc) in alternating rounds, then the
 * per-statement CPU comparison, cold starts, the large-result heap probes (testkit and tursodb) and the idle
 * pool, and prints one table (also written to {@code bench/target/bench-table.md}).
 * {@code -Dbench.idleSeconds=N} sets the idle period (default 300).
 */
class BenchRun {

    static final String COMMAND =
            "mvn -B -q -pl bench -am test -Pbench -Dtest=BenchRun" + " -Dsurefire.failIfNoSpecifiedTests=false";

    @Test
    void run() throws Exception {
        Path dir = Files.createTempDirectory("bench");
        Instant started = Instant.now();
        Measure m;
        try (Servers servers = Servers.start(dir.resolve("bench.db"))) {
            m = new Measure(servers);
            CompletableFuture<IdlePool.Spent> idle =
                    IdlePool.start(servers, Duration.ofSeconds(Long.getLong("bench.idleSeconds", 300)));
            String url = "jdbc:libsql:" + servers.main;
            Path sqliteFile = dir.resolve("sqlite.db");
            try (Connection lib = DriverManager.getConnection(url);
                    Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
                    HikariDataSource pool = Jpa.pool(url);
                    EntityManagerFactory emf = createTables(lib, sqlite, pool);
                    NodeClient node = NodeClient.start(servers.main)) {
                Scenarios s = new Scenarios(servers.main, lib, sqlite, pool, emf, node);
                for (long delay : new long[] {0, 10}) {
                    servers.delay(delay);
                    final boolean fast = delay == 0;
                    int rounds = fast ? 5 : 3;
                    int quick = fast ? 50 : 20;
                    guard(
                            m,
                            "autocommit PK select",
                            delay,
                            () -> m.run("autocommit PK select", delay, quick, rounds, fast, s.pkSelects()));
                    guard(
                            m,
                            "transaction of 100 inserts",
                            delay,
                            () -> m.run("transaction of 100 inserts", delay, 1, rounds, fast, s.insertTx()));
                    guard(
                            m,
                            "1000 inserts in one go",
                            delay,
                            () -> m.run("1000 inserts in one go", delay, 1, rounds, fast, s.batch()));
                    guard(
                            m,
                            "read 10,000 rows × 5 columns",
                            delay,
                            () -> m.run(
                                    "read 10,000 rows × 5 columns", delay, fast ? 3 : 1, rounds, fast, s.read10k()));
                    guard(
                            m,
                            "find by id (Spring Data-style read)",
                            delay,
                            () -> m.run("find by id (Spring Data-style read)", delay, quick, rounds, fast, s.find()));
                    guard(
                            m,
                            "schema update on an up-to-date schema",
                            delay,
                            () -> m.run("schema update on an up-to-date schema", delay, 1, 3, fast, s.schemaUpdate()));
                }
                servers.delay(0);
            }
            guard(m, "per statement", 0, () -> perStatement(m, servers.direct));
            for (long delay : new long[] {0, 10}) {
                servers.delay(delay);
                guard(m, "cold start", delay, () -> coldStarts(m, servers, delay, sqliteFile));
            }
            servers.delay(0);
            guard(m, "iterate rows, testkit", 0, () -> heapOnTestkit(m, servers));
            guard(m, "iterate rows, tursodb", 0, () -> heapOnTursodb(m));
            m.rows().addAll(IdlePool.rows(idle.get()));
        }
        print(m, started);
    }

    private interface Part {
        void run() throws Exception;
    }

    /** Runs one part of the bench; a failure becomes a FAILED row of the table instead of ending the run. */
    private static void guard(Measure m, String scenario, long delay, Part part) {
        try {
            part.run();
        } catch (Exception | AssertionError e) {
            System.out.println("bench: FAILED " + scenario + " at " + delay + " ms: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.out.println("bench:   caused by " + cause);
            }
            m.add(new Row(scenario, delay, "", "", "", "", "", Double.NaN, Double.NaN, "FAILED " + e));
        }
    }

    /** The tables the scenarios use, on the testkit and in the sqlite-jdbc file; the JPA schema by update. */
    private static EntityManagerFactory createTables(Connection lib, Connection sqlite, HikariDataSource pool)
            throws Exception {
        for (Connection c : List.of(lib, sqlite)) {
            try (Statement s = c.createStatement()) {
                s.execute("create table kv (id integer primary key, a integer, b text, c real, d blob)");
                s.execute("insert into kv (id, a, b, c, d) with recursive g(v) as (select 1 union all"
                        + " select v + 1 from g where v < 10000) select v, v * 7, 'text ' || v, v / 3.0,"
                        + " x'01020304' from g");
                s.execute("create table ins (id integer primary key, v text)");
            }
        }
        return Jpa.emf(pool);
    }

    /**
     * The per-statement path: {@code executeQuery} of {@code select ?} against a raw HttpClient posting the
     * very bytes the driver sends (captured once through a proxy), both straight to the server.
     */
    private static void perStatement(Measure m, String direct) throws Exception {
        CapturedRequest captured = CapturedRequest.selectParameter(direct);
        HttpClient raw =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(direct + captured.path());
        try (Connection c = DriverManager.getConnection("jdbc:libsql:" + direct);
                PreparedStatement ps = c.prepareStatement("select ?")) {
            Map<String, Counted> v = new LinkedHashMap<>();
            v.put(
                    "libsql-jdbc executeQuery",
                    new Counted(
                            Measure.inJvm(i -> {
                                ps.setLong(1, 42);
                                try (ResultSet rs = ps.executeQuery()) {
                                    Scenarios.check(rs.next() && rs.getLong(1) == 42, "select ? answered wrongly");
                                }
                            }),
                            "direct"));
            v.put(
                    Measure.RAW,
                    new Counted(
                            Measure.inJvm(i -> {
                                HttpResponse<byte[]> r = raw.send(
                                        HttpRequest.newBuilder(uri)
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(captured.body()))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofByteArray());
                                Scenarios.check(r.statusCode() == 200, "HTTP " + r.statusCode());
                            }),
                            "direct"));
            m.run("per statement: select ? (same request bytes, no proxy)", 0, 300, 5, true, v);
        }
    }

    /** Process start to first result, each in a fresh process (best of 3, of 2 at 10 ms). */
    private static void coldStarts(Measure m, Servers servers, long delay, Path sqliteFile) throws Exception {
        int reps = delay == 0 ? 3 : 2;
        String url = "jdbc:libsql:" + servers.main;
        Map<String, ColdRun> variants = new LinkedHashMap<>();
        variants.put("libsql-jdbc, SELECT 1", () -> ms(Jvm.runMain(List.of(), ColdStart.class, url)));
        variants.put(
                "JPA app: HikariCP + Hibernate, update (24 entities), em.find",
                () -> ms(Jvm.runMain(List.of(), JpaColdStart.class, url)));
        variants.put(Measure.NODE + ", SELECT 1", () -> NodeClient.coldStartMillis(servers.main));
        if (delay == 0) {
            variants.put(
                    Measure.SQLITE + ", SELECT 1",
                    () -> ms(Jvm.runMain(List.of(), ColdStart.class, "jdbc:sqlite:" + sqliteFile)));
        }
        for (Map.Entry<String, ColdRun> v : variants.entrySet()) {
            long best = Long.MAX_VALUE;
            Servers.Stats before = servers.stats("main");
            for (int i = 0; i < reps; i++) {
                best = Math.min(best, v.getValue().millis());
            }
            Servers.Stats spent = servers.stats("main").minus(before);
            boolean counted = !v.getKey().startsWith(Measure.SQLITE);
            m.add(new Row(
                    "cold start to first result",
                    delay,
                    v.getKey(),
                    counted ? Measure.perOp(spent.requests(), reps) : "0",
                    counted ? Measure.perOp(spent.connections(), reps) : "",
                    counted ? Measure.perOp(spent.bytesUp(), reps) : "",
                    counted ? Measure.perOp(spent.bytesDown(), reps) : "",
                    best,
                    Double.NaN,
                    "best of " + reps + "; requests counted until the process exits"));
        }
    }

    private interface ColdRun {
        long millis() throws Exception;
    }

    private static long ms(String result) {
        if (!result.startsWith("firstResultMs=")) {
            throw new IllegalStateException("cold start probe printed no result: " + result);
        }
        return Long.parseLong(result.replaceAll("firstResultMs=(\\d+).*", "$1"));
    }

    private static void heapOnTestkit(Measure m, Servers servers) throws Exception {
        for (long[] run : new long[][] {{50_000, 0}, {50_000, 1000}, {1_000_000, 0}, {1_000_000, 1000}}) {
            Servers.Stats before = servers.stats("direct");
            String out = HeapRun.probe("jdbc:libsql:" + servers.direct, run[0], run[1], false);
            long requests = servers.stats("direct").minus(before).requests();
            m.add(HeapRun.row("testkit", run[0], run[1], requests, out));
        }
    }

    private static void heapOnTursodb(Measure m) throws Exception {
        try (TursoDbServer turso = TursoDbServer.start();
                HttpFaultProxy counter = HttpFaultProxy.start(URI.create(turso.url()))) {
            for (long n : new long[] {50_000, 1_000_000}) {
                counter.reset();
                String out = HeapRun.probe("jdbc:libsql:" + counter.uri(), n, 0, true);
                m.add(HeapRun.row("tursodb 0.7.0", n, 0, counter.requests(), out));
            }
        }
    }

    /** The processor's model name from /proc/cpuinfo, where there is one. */
    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static void print(Measure m, Instant started) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nlibsql-jpa bench, started ")
                .append(started)
                .append(", took ")
                .append(Duration.between(started, Instant.now()).toSeconds())
                .append(" s; ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.arch"))
                .append(", ")
                .append(cpuModel())
                .append("\ncommand: ")
                .append(COMMAND)
                .append("\n\n")
                .append(m.table());
        System.out.println(sb);
        try {
            Path out = Path.of("target", "bench-table.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, sb.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write target/bench-table.md", e);
        }
    }
}
