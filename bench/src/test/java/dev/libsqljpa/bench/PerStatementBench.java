package dev.libsqljpa.bench;

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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of the per-statement path, both straight to one testkit server running in a child JVM
 * ({@link BenchServers}): the driver's {@code executeQuery} of {@code select ?} in autocommit and reading
 * the value, against a raw JDK {@link HttpClient} posting the very bytes the driver sends (captured once)
 * and reading the answer as bytes. Run by {@link PerStatementCpu}, which reports the CPU per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PerStatementBench {

    private Path dir;
    private Servers servers;
    private Connection connection;
    private PreparedStatement select;
    private HttpClient raw;
    private URI rawUri;
    private byte[] rawBody;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("bench-jmh");
        servers = Servers.start(dir.resolve("bench.db"));
        CapturedRequest captured = CapturedRequest.selectParameter(servers.direct);
        rawUri = URI.create(servers.direct + captured.path());
        rawBody = captured.body();
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        connection = DriverManager.getConnection("jdbc:libsql:" + servers.direct);
        select = connection.prepareStatement("select ?");
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        connection.close();
        servers.close();
    }

    @Benchmark
    public long driver() throws Exception {
        select.setLong(1, 42);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("select ? returned no row");
            }
            return rs.getLong(1);
        }
    }

    @Benchmark
    public byte[] raw() throws Exception {
        HttpResponse<byte[]> r = raw.send(
                HttpRequest.newBuilder(rawUri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(rawBody))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
        }
        return r.body();
    }
}
