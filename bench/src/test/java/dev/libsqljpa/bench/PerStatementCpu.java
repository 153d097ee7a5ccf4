package dev.libsqljpa.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The per-statement CPU comparison as a JMH run (docs/performance.md): {@link PerStatementBench}'s driver
 * and raw benchmarks in a forked JVM with the {@link CpuPerOp} and GC profilers, then one summary line:
 * process CPU µs per operation of each, their ratio, and the bytes allocated per operation.
 *
 * <p>Options (system properties): {@code bench.jmh.warmups} (default 10) and {@code bench.jmh.iterations}
 * (default 5), {@code bench.jmh.seconds} per iteration (default 2), {@code bench.jmh.forks} (default 1) and
 * {@code bench.jmh.jvmArgs} (extra options of the forked JVM, space separated, e.g. a JFR recording),
 * {@code bench.jmh.only} ({@code driver} or {@code raw}: run just that one, for profiling) and
 * {@code bench.jmh.rounds} (R &gt; 0: driver and raw in alternation, R runs of each, with each round's ratios and
 * their medians: the comparison at equal load).
 */
class PerStatementCpu {

    static final String COMMAND = "mvn -B -q -pl bench -am test -Pbench -Dtest=PerStatementCpu"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dlibsql.npm.skip";

    @Test
    void run() throws Exception {
        int rounds = Integer.getInteger("bench.jmh.rounds", 0);
        if (rounds > 0) {
            runRounds(rounds);
            return;
        }
        Collection<RunResult> results = new Runner(options(System.getProperty("bench.jmh.only", "driver|raw"))).run();
        if (results.size() < 2) {
            results.forEach(r ->
                    System.out.println("per statement (JMH): " + r.getParams().getBenchmark() + " "
                            + r.getPrimaryResult() + ", process CPU " + secondary(r, CpuPerOp.LABEL)
                            + " µs/op, Java threads' CPU "
                            + secondary(r, CpuPerOp.THREADS_LABEL) + " µs/op"));
            return;
        }
        RunResult driver = find(results, "driver");
        RunResult raw = find(results, "raw");
        double driverCpu = secondary(driver, CpuPerOp.LABEL);
        double rawCpu = secondary(raw, CpuPerOp.LABEL);
        Scenarios.check(driverCpu > 0 && rawCpu > 0, "no CPU time was measured");
        System.out.println(String.format(
                Locale.ROOT,
                "per statement (JMH): process CPU driver %.1f µs/op, raw %.1f µs/op, driver/raw %.2f×; Java threads'"
                        + " CPU driver %.1f µs/op, raw %.1f µs/op, driver/raw %.2f×; wall driver %.1f µs/op,"
                        + " raw %.1f µs/op; allocated driver %.0f B/op, raw %.0f B/op",
                driverCpu,
                rawCpu,
                driverCpu / rawCpu,
                secondary(driver, CpuPerOp.THREADS_LABEL),
                secondary(raw, CpuPerOp.THREADS_LABEL),
                secondary(driver, CpuPerOp.THREADS_LABEL) / secondary(raw, CpuPerOp.THREADS_LABEL),
                driver.getPrimaryResult().getScore(),
                raw.getPrimaryResult().getScore(),
                secondary(driver, "gc.alloc.rate.norm"),
                secondary(raw, "gc.alloc.rate.norm")));
    }

    /**
     * {@code bench.jmh.rounds} = R: driver, raw, driver, raw, … (R of each, one JMH run each, back to back), so
     * that each ratio compares two runs made at nearly the same machine load; prints each round's ratios and
     * their medians.
     */
    private static void runRounds(int rounds) throws Exception {
        List<double[]> ratios = new ArrayList<>(); // process CPU, threads' CPU, allocated, per round
        for (int round = 1; round <= rounds; round++) {
            RunResult driver = only(new Runner(options("driver")).run(), "driver");
            RunResult raw = only(new Runner(options("raw")).run(), "raw");
            double[] d = readings(driver);
            double[] r = readings(raw);
            Scenarios.check(d[0] > 0 && r[0] > 0, "no CPU time was measured");
            double[] ratio = {d[0] / r[0], d[1] / r[1], d[2] / r[2]};
            ratios.add(ratio);
            System.out.println(String.format(
                    Locale.ROOT,
                    "per statement (JMH) round %d of %d: process CPU driver %.1f µs/op, raw %.1f µs/op, %.2f×;"
                            + " Java threads' CPU driver %.1f, raw %.1f µs/op, %.2f×; allocated driver %.0f B/op,"
                            + " raw %.0f B/op, %.2f×; wall driver %.1f µs/op, raw %.1f µs/op",
                    round,
                    rounds,
                    d[0],
                    r[0],
                    ratio[0],
                    d[1],
                    r[1],
                    ratio[1],
                    d[2],
                    r[2],
                    ratio[2],
                    driver.getPrimaryResult().getScore(),
                    raw.getPrimaryResult().getScore()));
        }
        System.out.println(String.format(
                Locale.ROOT,
                "per statement (JMH), median of %d rounds of driver/raw: process CPU %.2f×, Java threads' CPU %.2f×,"
                        + " allocated %.2f×",
                rounds,
                median(ratios, 0),
                median(ratios, 1),
                median(ratios, 2)));
    }

    /** Process CPU µs/op, Java threads' CPU µs/op, allocated B/op. */
    private static double[] readings(RunResult result) {
        return new double[] {
            secondary(result, CpuPerOp.LABEL),
            secondary(result, CpuPerOp.THREADS_LABEL),
            secondary(result, "gc.alloc.rate.norm")
        };
    }

    static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static RunResult only(Collection<RunResult> results, String method) {
        Scenarios.check(results.size() == 1, "expected one JMH result for " + method + ", got " + results.size());
        return find(results, method);
    }

    /** The JMH options for the benchmarks matching {@code methods} ({@code driver}, {@code raw} or both). */
    private static Options options(String methods) {
        int seconds = Integer.getInteger("bench.jmh.seconds", 2);
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));
        String extra = System.getProperty("bench.jmh.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            jvmArgs.addAll(List.of(extra.split("\\s+")));
        }
        return new OptionsBuilder()
                .include(PerStatementBench.class.getName() + "\\.(" + methods + ")$")
                .warmupIterations(Integer.getInteger("bench.jmh.warmups", 10))
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(Integer.getInteger("bench.jmh.iterations", 5))
                .measurementTime(TimeValue.seconds(seconds))
                .forks(Integer.getInteger("bench.jmh.forks", 1))
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .addProfiler(CpuPerOp.class)
                .addProfiler(GCProfiler.class)
                .build();
    }

    private static RunResult find(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + method));
    }

    private static double secondary(RunResult result, String label) {
        for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(label)) {
                return e.getValue().getScore();
            }
        }
        throw new AssertionError("no " + label + " for " + result.getParams().getBenchmark());
    }
}
