package dev.libsqljpa.bench;

import java.util.List;

/** Runs {@link HeapProbe} in a child JVM with {@code -Xmx64m} and turns its answer into a table row. */
final class HeapRun {
    private HeapRun() {}

    static String probe(String url, long rows, long fetchSize, boolean series) throws Exception {
        return probe(url, rows, fetchSize, series, false);
    }

    /** {@code hibernate}: through Hibernate's {@code getResultStream()} instead of plain JDBC. */
    static String probe(String url, long rows, long fetchSize, boolean series, boolean hibernate) throws Exception {
        return Jvm.runMain(
                List.of("-Xmx64m"),
                HeapProbe.class,
                url,
                Long.toString(rows),
                Long.toString(fetchSize),
                series ? "series" : "cte",
                hibernate ? "hibernate" : "jdbc");
    }

    static Measure.Row row(String server, long rows, long fetchSize, long requests, String out) {
        String note = out.startsWith("rows=")
                ? "OK; peak heap " + mib(out, "peakHeapBytes") + " MiB, live after GC ≤ " + mib(out, "liveHeapBytes")
                        + " MiB"
                : out.startsWith("noresult ")
                        ? "FAILED, the probe could not even print its result; its last output: "
                                + out.substring("noresult ".length())
                        : out.replaceFirst("failed=", "FAILED ");
        return new Measure.Row(
                "iterate " + String.format("%,d", rows) + " rows × 5 columns at -Xmx64m, " + server,
                0,
                fetchSize == 0 ? "libsql-jdbc, no fetch size" : "libsql-jdbc, fetchSize " + fetchSize + " (cursor)",
                Long.toString(requests),
                "",
                "",
                "",
                Double.NaN,
                Double.NaN,
                note.length() > 160 ? note.substring(0, 160) + "…" : note);
    }

    private static long mib(String out, String key) {
        return Math.round(Long.parseLong(out.replaceAll(".*" + key + "=(\\d+).*", "$1")) / 1048576.0);
    }
}
