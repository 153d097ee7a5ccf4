package dev.libsqljpa.examples.blog.app;

import dev.libsqljpa.hibernate.schema.SchemaReport;
import dev.libsqljpa.testkit.ServerCounters;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The example's printed report. Each measured step prints its HTTP request count (embedded server
 * only: read from the server's counters) and its wall time.
 */
final class Report {

    /** One measured step, kept so tests can check the facts the report prints. */
    record Step(String label, long httpRequests, long millis) {}

    private final PrintStream out;
    private final Optional<ServerCounters> counters;
    private final List<Step> steps = new ArrayList<>();

    Report(PrintStream out, Optional<ServerCounters> counters) {
        this.out = out;
        this.counters = counters;
    }

    void title(String text) {
        out.println();
        out.println("== " + text);
    }

    void line(String text) {
        out.println("   " + text);
    }

    <T> T measure(String label, Supplier<T> work) {
        long before = counters.map(ServerCounters::httpRequests).orElse(0L);
        long start = System.nanoTime();
        T result = work.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long requests = counters.map(ServerCounters::httpRequests).orElse(0L) - before;
        steps.add(new Step(label, counters.isPresent() ? requests : -1, millis));
        String count = counters.isPresent() ? requests + (requests == 1 ? " request " : " requests") : "n/a (remote)";
        out.printf("   %-58s %12s %6d ms%n", label, count, millis);
        return result;
    }

    void measure(String label, Runnable work) {
        measure(label, () -> {
            work.run();
            return null;
        });
    }

    /** Prints what the schema tool did, one line per statement, then its summary. */
    void schema(SchemaReport schema) {
        for (SchemaReport.Entry entry : schema.entries()) {
            String outcome = switch (entry.outcome()) {
                case APPLIED -> "applied ";
                case SKIPPED_BENIGN -> "skipped ";
                case FAILED -> "FAILED  ";
            };
            out.println("   " + outcome + entry.sql()
                    + (entry.outcome() == SchemaReport.Outcome.APPLIED || entry.detail() == null
                            ? ""
                            : "  -- " + entry.detail()));
        }
        out.println("   " + schema.summary());
    }

    List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }
}
