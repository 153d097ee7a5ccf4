package dev.libsqljpa.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler: CPU time per operation over each measurement iteration, in µs, of the benchmark JVM (the
 * server runs in a JVM of its own, so its CPU is not counted):
 *
 * <ul>
 *   <li>{@code cpu.process}: every thread of the JVM: the benchmark thread, the HTTP client's selector and
 *       executor threads, GC and JIT. JIT work goes on long after the warm-up when each operation waits
 *       milliseconds for the server, so on a loaded machine this one is noisy;
 *   <li>{@code cpu.threads}: the Java threads alive at the end of the iteration (benchmark, selector,
 *       executor and any thread started meanwhile), without JIT and GC. A thread that started and ended
 *       within the iteration is missed, so compare {@code cpu.process} too when threads come and go.
 * </ul>
 */
public final class CpuPerOp implements InternalProfiler {

    static final String LABEL = "cpu.process";
    static final String THREADS_LABEL = "cpu.threads";

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long cpuAtStart;
    private final Map<Long, Long> threadCpuAtStart = new HashMap<>();

    @Override
    public String getDescription() {
        return "process CPU time per operation (µs/op)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        threadCpuAtStart.clear();
        for (long id : THREADS.getAllThreadIds()) {
            threadCpuAtStart.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        cpuAtStart = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = OS.getProcessCpuTime() - cpuAtStart;
        long threads = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long now = THREADS.getThreadCpuTime(id);
            if (now > 0) {
                threads += now - threadCpuAtStart.getOrDefault(id, 0L);
            }
        }
        long ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult(LABEL, perOp(cpu, ops), "µs/op", AggregationPolicy.AVG),
                new ScalarResult(THREADS_LABEL, perOp(threads, ops), "µs/op", AggregationPolicy.AVG));
    }

    private static double perOp(long nanos, long ops) {
        return ops == 0 ? Double.NaN : nanos / 1e3 / ops;
    }
}
