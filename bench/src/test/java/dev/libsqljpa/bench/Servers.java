package dev.libsqljpa.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The parent's handle on {@link BenchServers}: URLs, the proxies' delay and their counters. */
final class Servers implements AutoCloseable {

    /** Counters of one proxy at one moment; {@link #minus} gives what happened in between. */
    record Stats(long requests, long connections, long bytesUp, long bytesDown) {
        Stats minus(Stats before) {
            return new Stats(
                    requests - before.requests,
                    connections - before.connections,
                    bytesUp - before.bytesUp,
                    bytesDown - before.bytesDown);
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    final String direct;
    final String main;
    final String idle;

    private Servers(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        String ready = readLine("ready ");
        this.direct = ready.replaceAll(".* direct=(\\S+).*", "$1");
        this.main = ready.replaceAll(".* main=(\\S+).*", "$1");
        this.idle = ready.replaceAll(".* idle=(\\S+).*", "$1");
    }

    static Servers start(Path db) throws IOException {
        Process p = new ProcessBuilder(
                        Jvm.java(), "-Xmx512m", "-cp", Jvm.classPath(), BenchServers.class.getName(), db.toString())
                .redirectError(new File(db + ".log"))
                .start();
        return new Servers(p);
    }

    synchronized void delay(long millis) throws IOException {
        in.println("delay " + millis);
        readLine("ok");
    }

    synchronized Stats stats(String proxy) throws IOException {
        in.println("stats " + proxy);
        String line = readLine("stats ");
        return new Stats(
                Long.parseLong(line.replaceAll(".*requests=(\\d+).*", "$1")),
                Long.parseLong(line.replaceAll(".*connections=(\\d+).*", "$1")),
                Long.parseLong(line.replaceAll(".*up=(\\d+).*", "$1")),
                Long.parseLong(line.replaceAll(".*down=(\\d+).*", "$1")));
    }

    /** Skips lines (log output) until one starts with {@code prefix}. */
    private String readLine(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("bench servers ended before answering '" + prefix + "'");
    }

    @Override
    public void close() {
        in.close();
        process.destroy();
    }
}
