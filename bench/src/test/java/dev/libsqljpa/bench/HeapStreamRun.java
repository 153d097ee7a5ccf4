package dev.libsqljpa.bench;

import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The large-result heap probes alone, plain JDBC and Hibernate's {@code getResultStream()}, each with a
 * fetch size, on the testkit (cursor endpoint; the server in a child JVM) and on tursodb (rows read from the
 * pipeline answer's body): {@code -Dbench.heap.rows} rows (default 1,000,000) × 5 columns, each probe in a
 * child JVM at {@code -Xmx64m}. Prints one line per probe.
 */
class HeapStreamRun {

    @Test
    void run() throws Exception {
        long rows = Long.getLong("bench.heap.rows", 1_000_000);
        long fetchSize = Long.getLong("bench.heap.fetchSize", 100);
        Path dir = Files.createTempDirectory("heap");
        try (Servers servers = Servers.start(dir.resolve("heap.db"))) {
            for (boolean hibernate : new boolean[] {false, true}) {
                print(
                        "testkit",
                        hibernate,
                        HeapRun.probe("jdbc:libsql:" + servers.direct, rows, fetchSize, false, hibernate));
            }
        }
        try (TursoDbServer turso = TursoDbServer.start()) {
            for (boolean hibernate : new boolean[] {false, true}) {
                print(
                        "tursodb",
                        hibernate,
                        HeapRun.probe("jdbc:libsql:" + turso.url(), rows, fetchSize, true, hibernate));
            }
        }
    }

    private static void print(String server, boolean hibernate, String out) {
        System.out.println("heap " + server + " " + (hibernate ? "hibernate getResultStream" : "jdbc") + ": " + out);
    }
}
