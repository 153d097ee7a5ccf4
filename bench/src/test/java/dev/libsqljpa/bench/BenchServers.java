package dev.libsqljpa.bench;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Child-JVM main of the bench: the testkit server and two counting, delaying proxies in front of it
 * ({@code main} for the measured scenarios, {@code idle} for the idle pool), in a JVM of their own so
 * that the client JVM's CPU time is the client's alone. Prints {@code ready direct=<url> main=<url>
 * idle=<url>}, then answers commands on stdin, one a line:
 *
 * <ul>
 *   <li>{@code delay <ms>}: both proxies add this delay each way; answers {@code ok};
 *   <li>{@code stats <main|idle|direct>} ({@code direct}: the server's own request counter): answers {@code stats requests=<n> connections=<n> up=<bytes> down=<bytes>};
 *   <li>end of input: stops.
 * </ul>
 */
public final class BenchServers {
    private BenchServers() {}

    public static void main(String[] args) throws Exception {
        try (LibsqlTestServer server = LibsqlTestServer.builder()
                        .port(0)
                        .databaseFile(Path.of(args[0]))
                        .start();
                HttpFaultProxy main = HttpFaultProxy.start(URI.create(server.url()));
                HttpFaultProxy idle = HttpFaultProxy.start(URI.create(server.url()))) {
            Map<String, HttpFaultProxy> proxies = Map.of("main", main, "idle", idle);
            System.out.println("ready direct=" + server.url() + " main=" + main.uri() + " idle=" + idle.uri());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "delay" -> {
                        Duration delay = Duration.ofMillis(Long.parseLong(words[1]));
                        proxies.values().forEach(p -> p.delayEachWay(delay));
                        System.out.println("ok");
                    }
                    case "stats" -> {
                        if (words[1].equals("direct")) {
                            System.out.println("stats requests="
                                    + server.counters().httpRequests() + " connections=0 up=0 down=0");
                            continue;
                        }
                        HttpFaultProxy p = proxies.get(words[1]);
                        System.out.println("stats requests=" + p.requests() + " connections=" + p.connections() + " up="
                                + p.bytesUp() + " down=" + p.bytesDown());
                    }
                    default -> System.out.println("error unknown command " + words[0]);
                }
            }
        }
    }
}
