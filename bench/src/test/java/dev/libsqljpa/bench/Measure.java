package dev.libsqljpa.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alternating rounds and the result table. Each round runs every variant of a scenario once, in turn, so
 * that noise of the shared machine hits all of them alike; the table reports the median wall time over the
 * rounds and the mean CPU time (the JVM's process CPU clock ticks in 10 ms steps on Linux).
 * Requests and bytes are what the proxy (or the server) counted while the measured rounds ran.
 */
final class Measure {

    static final String RAW = "raw HttpClient";
    static final String NODE = "@libsql/client (Node)";
    static final String SQLITE = "sqlite-jdbc";

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Total wall and CPU time of some operations, in µs. */
    record Sample(double wallMicros, double cpuMicros) {}

    /** One operation in this JVM; {@code i} numbers the operations. */
    interface Op {
        void run(int i) throws Exception;
    }

    /** Runs {@code ops} operations numbered from {@code base}. */
    interface Variant {
        Sample run(int ops, int base) throws Exception;
    }

    /** A variant and the counter that sees its requests: "main" (the proxy), "direct" (the server) or null. */
    record Counted(Variant variant, String counter) {}

    /** One line of the table; times in ms per operation (NaN: not measured), texts already formatted. */
    record Row(
            String scenario,
            long delayMs,
            String variant,
            String requests,
            String connections,
            String bytesUp,
            String bytesDown,
            double wallMs,
            double cpuMs,
            String note) {}

    private final Servers servers;
    private final List<Row> rows = new ArrayList<>();
    private int nextBase;

    Measure(Servers servers) {
        this.servers = servers;
    }

    /** An operation measured in this JVM: wall clock and the process's CPU time. */
    static Variant inJvm(Op op) {
        return (ops, base) -> {
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                op.run(base + i);
            }
            return new Sample((System.nanoTime() - t0) / 1e3, (OS.getProcessCpuTime() - cpu0) / 1e3);
        };
    }

    List<Row> rows() {
        return rows;
    }

    void add(Row row) {
        rows.add(row);
    }

    /**
     * Measures {@code rounds} alternating rounds of {@code ops} operations per variant (after one warm-up
     * round if {@code warmUp}) and adds a row per variant.
     */
    void run(String scenario, long delayMs, int ops, int rounds, boolean warmUp, Map<String, Counted> variants)
            throws Exception {
        System.out.printf("bench: %s at %d ms, %d ops × %d rounds%n", scenario, delayMs, ops, rounds);
        Map<String, double[]> wall = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, Servers.Stats> counted = new LinkedHashMap<>();
        for (Map.Entry<String, Counted> v : variants.entrySet()) {
            if (warmUp) {
                v.getValue().variant().run(ops, base(ops));
            }
            wall.put(v.getKey(), new double[rounds]);
            cpu.put(v.getKey(), new double[rounds]);
            counted.put(v.getKey(), new Servers.Stats(0, 0, 0, 0));
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Counted> v : variants.entrySet()) {
                String counter = v.getValue().counter();
                Servers.Stats before = counter == null ? null : servers.stats(counter);
                Sample s = v.getValue().variant().run(ops, base(ops));
                if (counter != null) {
                    Servers.Stats d = servers.stats(counter).minus(before);
                    Servers.Stats sum = counted.get(v.getKey());
                    counted.put(
                            v.getKey(),
                            new Servers.Stats(
                                    sum.requests() + d.requests(),
                                    sum.connections() + d.connections(),
                                    sum.bytesUp() + d.bytesUp(),
                                    sum.bytesDown() + d.bytesDown()));
                }
                wall.get(v.getKey())[round] = s.wallMicros() / 1e3 / ops;
                cpu.get(v.getKey())[round] = s.cpuMicros() / 1e3;
            }
        }
        long total = (long) ops * rounds;
        for (Map.Entry<String, Counted> v : variants.entrySet()) {
            String counter = v.getValue().counter();
            Servers.Stats c = counted.get(v.getKey());
            boolean bytes = "main".equals(counter);
            rows.add(new Row(
                    scenario,
                    delayMs,
                    v.getKey(),
                    counter == null ? "0" : perOp(c.requests(), total),
                    bytes ? perOp(c.connections(), total) : "",
                    bytes ? perOp(c.bytesUp(), total) : "",
                    bytes ? perOp(c.bytesDown(), total) : "",
                    median(wall.get(v.getKey())),
                    // The mean over all rounds: the JVM's process CPU time has a 10 ms resolution on Linux.
                    Arrays.stream(cpu.get(v.getKey())).sum() / total,
                    ""));
            Row r = rows.get(rows.size() - 1);
            System.out.printf(
                    "bench:   %s: %s requests/op, %s ms/op, CPU %s ms/op%n",
                    r.variant(), r.requests(), fmt(r.wallMs()), fmt(r.cpuMs()));
        }
    }

    private int base(int ops) {
        int b = nextBase;
        nextBase += ops;
        return b;
    }

    /** An exact count per operation, or one decimal when the operations did not all cost the same. */
    static String perOp(long count, long ops) {
        return count % ops == 0 ? Long.toString(count / ops) : String.format("%.1f", (double) count / ops);
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** The table in Markdown, ratios against each baseline of the same scenario and delay. */
    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| scenario | delay each way | variant | requests/op | new connections/op | bytes up/op | bytes down/op | median ms/op"
                        + " | client CPU ms/op | wall vs raw | wall vs @libsql/client | wall vs sqlite | CPU vs raw"
                        + " | CPU vs @libsql/client | notes |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Row raw = find(r, RAW);
            Row node = find(r, NODE);
            Row sqlite = find(r, SQLITE);
            sb.append("| ")
                    .append(String.join(
                            " | ",
                            r.scenario(),
                            r.delayMs() + " ms",
                            r.variant(),
                            r.requests(),
                            r.connections(),
                            r.bytesUp(),
                            r.bytesDown(),
                            fmt(r.wallMs()),
                            fmt(r.cpuMs()),
                            ratio(r, raw, r.wallMs(), raw == null ? Double.NaN : raw.wallMs()),
                            ratio(r, node, r.wallMs(), node == null ? Double.NaN : node.wallMs()),
                            ratio(r, sqlite, r.wallMs(), sqlite == null ? Double.NaN : sqlite.wallMs()),
                            ratio(r, raw, r.cpuMs(), raw == null ? Double.NaN : raw.cpuMs()),
                            ratio(r, node, r.cpuMs(), node == null ? Double.NaN : node.cpuMs()),
                            r.note()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private Row find(Row of, String variant) {
        return rows.stream()
                .filter(r -> r.scenario().equals(of.scenario())
                        && r.delayMs() == of.delayMs()
                        && r.variant().equals(variant))
                .findFirst()
                .orElse(null);
    }

    static String fmt(double ms) {
        if (Double.isNaN(ms)) {
            return "";
        }
        return ms >= 100 ? String.format("%.0f", ms) : ms >= 1 ? String.format("%.2f", ms) : String.format("%.3f", ms);
    }

    private static String ratio(Row row, Row baseline, double a, double b) {
        if (baseline == null || baseline == row || Double.isNaN(a) || Double.isNaN(b) || b <= 0) {
            return "";
        }
        return String.format("%.2f×", a / b);
    }
}
