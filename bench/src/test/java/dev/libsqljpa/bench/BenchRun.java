package dev.libsqljpa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness: starts the testkit server in its own JVM (so the client's CPU is measured
 * alone), runs each scenario for libsql-jdbc and its baselines in alternating rounds, and prints one
 * table (also written to {@code bench/target/bench-table.md}). Run with
 * {@code mvn -B -q -pl bench -am test -Pbench -Dtest=BenchRun -Dsurefire.failIfNoSpecifiedTests=false -Dlibsql.npm.skip}.
 */
class BenchRun {

    private static final int ROUNDS = 5;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One measured variant: wall time per op (median over rounds), client CPU per op, bytes down per op. */
    record Result(
            String scenario,
            String variant,
            double medianMicros,
            double cpuMicros,
            long requestsPerOp,
            long bytesPerOp,
            String peakHeap) {}

    interface Op {
        /** Runs one operation; returns bytes received (0 if unknown). */
        long run(int i) throws Exception;
    }

    private final List<Result> results = new ArrayList<>();

    @Test
    void run() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path db = Files.createTempDirectory("bench").resolve("bench.db");
        Process server = new ProcessBuilder(
                        javaBin(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.libsqljpa.testkit.LibsqlTestServerMain",
                        "--port",
                        Integer.toString(port),
                        "--db",
                        db.toString())
                .redirectErrorStream(true)
                .redirectOutput(new File(db + ".log"))
                .start();
        String base = "http://127.0.0.1:" + port;
        HttpClient raw =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            awaitUp(raw, base);
            Path sqliteFile = db.resolveSibling("sqlite.db");
            try (Connection lib = DriverManager.getConnection("jdbc:libsql:" + base);
                    Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
                for (Connection c : List.of(lib, sqlite)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create table if not exists kv (id integer primary key, a integer, b text, c real,"
                                + " d blob)");
                        s.execute("delete from kv");
                        s.execute("insert into kv (id, a, b, c, d) with recursive g(v) as (select 1 union all"
                                + " select v + 1 from g where v < 10000) select v, v * 7, 'text ' || v, v / 3.0,"
                                + " x'01020304' from g");
                    }
                }
                pkSelects(base, raw, lib, sqlite);
                read10k(base, raw, lib, sqlite);
                writes(base, raw, lib, sqlite);
            }
            heap(base);
            coldStart(base, db.resolveSibling("cold.db"));
        } finally {
            server.destroy();
        }
        print();
    }

    private void pkSelects(String base, HttpClient raw, Connection lib, Connection sqlite) throws Exception {
        int ops = 200;
        PreparedStatement libPs = lib.prepareStatement("select b from kv where id = ?");
        PreparedStatement sqlitePs = sqlite.prepareStatement("select b from kv where id = ?");
        byte[][] bodies = new byte[ops][];
        for (int i = 0; i < ops; i++) {
            bodies[i] =
                    ("{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"select b from kv where"
                                    + " id = ?\",\"args\":[{\"type\":\"integer\",\"value\":\"" + (i % 10000 + 1)
                                    + "\"}],"
                                    + "\"want_rows\":true}},{\"type\":\"close\"}]}")
                            .getBytes(StandardCharsets.UTF_8);
        }
        URI pipeline = URI.create(base + "/v3/pipeline");
        Map<String, Op> variants = new LinkedHashMap<>();
        variants.put("libsql-jdbc", i -> {
            libPs.setLong(1, i % 10000 + 1);
            try (ResultSet rs = libPs.executeQuery()) {
                rs.next();
                return rs.getString(1).length();
            }
        });
        variants.put("raw HttpClient", i -> rawPost(raw, pipeline, bodies[i]));
        variants.put("sqlite-jdbc", i -> {
            sqlitePs.setLong(1, i % 10000 + 1);
            try (ResultSet rs = sqlitePs.executeQuery()) {
                rs.next();
                return rs.getString(1).length();
            }
        });
        measure("autocommit PK select", ops, variants);
    }

    private void read10k(String base, HttpClient raw, Connection lib, Connection sqlite) throws Exception {
        int ops = 5;
        String sql = "select id, a, b, c, d from kv";
        byte[] body = ("{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"" + sql
                        + "\",\"want_rows\":true}},{\"type\":\"close\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        URI pipeline = URI.create(base + "/v3/pipeline");
        Map<String, Op> variants = new LinkedHashMap<>();
        variants.put("libsql-jdbc", i -> readAll(lib, sql));
        variants.put("raw HttpClient", i -> rawPost(raw, pipeline, body));
        variants.put("sqlite-jdbc", i -> readAll(sqlite, sql));
        measure("read 10k rows x 5 cols", ops, variants);
    }

    private void writes(String base, HttpClient raw, Connection lib, Connection sqlite) throws Exception {
        for (Connection c : List.of(lib, sqlite)) {
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists ins (id integer primary key, v text)");
            }
        }
        URI pipeline = URI.create(base + "/v3/pipeline");
        int n = 100;
        StringBuilder tx =
                new StringBuilder("{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"BEGIN\"}}");
        StringBuilder batch =
                new StringBuilder("{\"baton\":null,\"requests\":[{\"type\":\"batch\",\"batch\":{\"steps\":[");
        for (int i = 0; i < 1000; i++) {
            String insert = "{\"sql\":\"insert into ins (v) values (?)\",\"args\":[{\"type\":\"text\",\"value\":\"v" + i
                    + "\"}],\"want_rows\":false}";
            if (i < n) {
                tx.append(",{\"type\":\"execute\",\"stmt\":").append(insert).append('}');
            }
            batch.append(i == 0 ? "" : ",").append("{\"stmt\":").append(insert).append('}');
        }
        byte[] txBody = tx.append(",{\"type\":\"execute\",\"stmt\":{\"sql\":\"COMMIT\"}},{\"type\":\"close\"}]}")
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] batchBody = batch.append("]}},{\"type\":\"close\"}]}").toString().getBytes(StandardCharsets.UTF_8);

        Map<String, Op> txVariants = new LinkedHashMap<>();
        txVariants.put("libsql-jdbc", i -> insertTx(lib, n, false));
        txVariants.put("raw HttpClient", i -> rawPost(raw, pipeline, txBody));
        txVariants.put("sqlite-jdbc", i -> insertTx(sqlite, n, false));
        measure("tx of 100 inserts (JDBC, executeUpdate each)", 2, txVariants, Map.of("libsql-jdbc", (long) n + 1));

        Map<String, Op> batchVariants = new LinkedHashMap<>();
        batchVariants.put("libsql-jdbc", i -> insertTx(lib, 1000, true));
        batchVariants.put("raw HttpClient", i -> rawPost(raw, pipeline, batchBody));
        // sqlite-jdbc runs each statement of an autocommit batch as its own transaction; libsql-jdbc wraps
        // the batch in one: give sqlite-jdbc the same single transaction.
        batchVariants.put("sqlite-jdbc", i -> {
            sqlite.setAutoCommit(false);
            try {
                insertTx(sqlite, 1000, true);
                sqlite.commit();
            } finally {
                sqlite.setAutoCommit(true);
            }
            return 0;
        });
        measure("batch of 1000 inserts (executeBatch, autocommit)", 2, batchVariants, Map.of());
    }

    private static long insertTx(Connection c, int n, boolean batch) throws Exception {
        if (batch) {
            try (PreparedStatement ps = c.prepareStatement("insert into ins (v) values (?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setString(1, "v" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return 0;
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("insert into ins (v) values (?)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, "v" + i);
                ps.executeUpdate();
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return 0;
    }

    /** JVM start to first result, in a fresh JVM each (best of 3). */
    private void coldStart(String base, Path sqliteFile) throws Exception {
        for (String url : List.of("jdbc:libsql:" + base, "jdbc:sqlite:" + sqliteFile)) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                Process p = new ProcessBuilder(
                                javaBin(), "-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), url)
                        .redirectErrorStream(true)
                        .start();
                String out;
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    out = r.lines().filter(l -> l.startsWith("firstResultMs=")).reduce("", (a, b) -> b);
                }
                p.waitFor();
                if (!out.isEmpty()) {
                    best = Math.min(best, Long.parseLong(out.replaceAll("firstResultMs=(\\d+).*", "$1")));
                }
            }
            results.add(new Result(
                    "cold start to first result (JVM start → SELECT 1 answered)",
                    url.startsWith("jdbc:libsql") ? "libsql-jdbc" : "sqlite-jdbc",
                    best * 1000.0,
                    Double.NaN,
                    url.startsWith("jdbc:libsql") ? 2 : 0,
                    0,
                    ""));
        }
    }

    private static long readAll(Connection c, String sql) throws Exception {
        long n = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                n += rs.getLong(1)
                        + rs.getLong(2)
                        + rs.getString(3).length()
                        + (long) rs.getDouble(4)
                        + rs.getBytes(5).length;
            }
        }
        assertEquals(true, n > 0);
        return 0;
    }

    private static long rawPost(HttpClient raw, URI uri, byte[] body) throws Exception {
        HttpResponse<byte[]> response = raw.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body().length;
    }

    /** Alternating rounds: each round runs every variant once for {@code ops} operations (after a warm-up). */
    private void measure(String scenario, int ops, Map<String, Op> variants) throws Exception {
        measure(scenario, ops, variants, Map.of());
    }

    /** {@code requests}: requests per op where it is not 1 (the budget the driver's tests assert). */
    private void measure(String scenario, int ops, Map<String, Op> variants, Map<String, Long> requests)
            throws Exception {
        Map<String, double[]> wall = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (Map.Entry<String, Op> v : variants.entrySet()) {
            for (int i = 0; i < ops; i++) {
                v.getValue().run(i); // warm-up
            }
            wall.put(v.getKey(), new double[ROUNDS]);
            cpu.put(v.getKey(), new double[ROUNDS]);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Op> v : variants.entrySet()) {
                long b = 0;
                long cpu0 = OS.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < ops; i++) {
                    b += v.getValue().run(i);
                }
                long t1 = System.nanoTime();
                long cpu1 = OS.getProcessCpuTime();
                wall.get(v.getKey())[round] = (t1 - t0) / 1e3 / ops;
                cpu.get(v.getKey())[round] = (cpu1 - cpu0) / 1e3 / ops;
                bytes.put(v.getKey(), b / ops);
            }
        }
        for (String v : variants.keySet()) {
            results.add(new Result(
                    scenario,
                    v,
                    median(wall.get(v)),
                    median(cpu.get(v)),
                    v.equals("sqlite-jdbc") ? 0 : requests.getOrDefault(v, 1L),
                    bytes.get(v),
                    ""));
        }
    }

    private void heap(String base) throws Exception {
        for (long[] run : new long[][] {{50_000, 0}, {50_000, 1000}, {1_000_000, 0}, {1_000_000, 1000}}) {
            long n = run[0];
            long fetchSize = run[1];
            Process p = new ProcessBuilder(
                            javaBin(),
                            "-Xmx64m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            HeapProbe.class.getName(),
                            "jdbc:libsql:" + base,
                            Long.toString(n),
                            Long.toString(fetchSize))
                    .redirectErrorStream(true)
                    .start();
            String out;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.lines()
                        .filter(l -> l.startsWith("rows=") || l.startsWith("failed="))
                        .reduce("", (a, b) -> b);
            }
            p.waitFor();
            String peak = out.startsWith("rows=")
                    ? "OK; peak "
                            + Math.round(Long.parseLong(out.replaceAll(".*peakHeapBytes=(\\d+).*", "$1")) / 1048576.0)
                            + " MiB, live after GC ≤ "
                            + Math.round(Long.parseLong(out.replaceAll(".*liveHeapBytes=(\\d+).*", "$1")) / 1048576.0)
                            + " MiB"
                    : out.replaceFirst("failed=", "FAILED ");
            results.add(new Result(
                    "iterate " + n + " rows x 5 cols, -Xmx64m",
                    fetchSize == 0 ? "libsql-jdbc, no fetch size" : "libsql-jdbc, fetchSize " + fetchSize + " (cursor)",
                    Double.NaN,
                    Double.NaN,
                    fetchSize == 0 ? 1 : 2,
                    0,
                    peak.length() > 110 ? peak.substring(0, 110) + "…" : peak));
        }
    }

    private void print() {
        StringBuilder sb = new StringBuilder();
        sb.append("\nlibsql-jpa bench, ")
                .append(Instant.now())
                .append(", ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, ")
                .append(ROUNDS)
                .append(" alternating rounds, medians\n\n");
        sb.append("| scenario | variant | requests/op | bytes down/op | median µs/op | client CPU µs/op"
                + " | wall vs raw | wall vs sqlite | CPU vs raw | peak heap |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Result rawR = find(r.scenario(), "raw HttpClient");
            Result sqliteR = find(r.scenario(), "sqlite-jdbc");
            sb.append("| ")
                    .append(r.scenario())
                    .append(" | ")
                    .append(r.variant())
                    .append(" | ")
                    .append(r.requestsPerOp())
                    .append(" | ")
                    .append(r.bytesPerOp() == 0 ? "" : r.bytesPerOp())
                    .append(" | ")
                    .append(fmt(r.medianMicros()))
                    .append(" | ")
                    .append(fmt(r.cpuMicros()))
                    .append(" | ")
                    .append(rawR == null ? "" : ratio(r.medianMicros(), rawR.medianMicros()))
                    .append(" | ")
                    .append(sqliteR == null ? "" : ratio(r.medianMicros(), sqliteR.medianMicros()))
                    .append(" | ")
                    .append(rawR == null ? "" : ratio(r.cpuMicros(), rawR.cpuMicros()))
                    .append(" | ")
                    .append(r.peakHeap())
                    .append(" |\n");
        }
        System.out.println(sb);
        try {
            Path out = Path.of("target", "bench-table.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, sb.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write target/bench-table.md", e);
        }
    }

    private Result find(String scenario, String variant) {
        return results.stream()
                .filter(r -> r.scenario().equals(scenario) && r.variant().equals(variant))
                .findFirst()
                .orElse(null);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format("%.0f", v);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "" : String.format("%.2f×", a / b);
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Polls GET /v3 until the server answers, with a deadline. */
    private static void awaitUp(HttpClient client, String base) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/v3")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("test server did not come up", last);
    }
}
