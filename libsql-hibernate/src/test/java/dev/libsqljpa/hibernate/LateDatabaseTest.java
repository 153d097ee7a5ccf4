package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hibernate.model.shelf.Shelf;
import dev.libsqljpa.testkit.LibsqlTestServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java SE with the plainest configuration (a persistence unit, the URL, {@code hbm2ddl.auto=update}):
 * the application starts before its database. Hibernate's boot opens a connection first (built-in pool,
 * dialect resolution); the driver's first contact waits for the server ({@code connectWait}, default
 * 30 s) instead of failing the boot, and fails clearly at the deadline.
 */
class LateDatabaseTest {

    /** Longer than every retry budget below the driver's wait (the transport retries for < 0.5 s). */
    private static final Duration DELAY = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final CountDownLatch refused = new CountDownLatch(1);
    private final Logger jdbcLogger = Logger.getLogger("dev.libsqljpa.jdbc");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String line = MessageFormat.format(record.getMessage(), record.getParameters());
            log.add(line);
            if (line.contains("refuses connections")) {
                refused.countDown();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private LibsqlTestServer server;

    @BeforeEach
    void listen() {
        jdbcLogger.addHandler(handler);
    }

    @AfterEach
    void stop() {
        jdbcLogger.removeHandler(handler);
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anApplicationStartedSecondsBeforeItsDatabaseWaitsAndWorks() throws Exception {
        int port = freePort();
        String url = "jdbc:libsql:http://127.0.0.1:" + port;
        // The database starts DELAY after the driver was first refused, so the boot certainly met a
        // database that was down, and stayed down for longer than the transport's own retries.
        ScheduledExecutorService starter = Executors.newScheduledThreadPool(2);
        CompletableFuture<LibsqlTestServer> up = new CompletableFuture<>();
        AtomicLong refusedAt = new AtomicLong();
        try {
            starter.execute(() -> {
                try {
                    if (!refused.await(60, TimeUnit.SECONDS)) {
                        up.completeExceptionally(new AssertionError("the driver was never refused"));
                        return;
                    }
                    refusedAt.set(System.nanoTime());
                    starter.schedule(
                            () -> up.complete(LibsqlTestServer.builder()
                                    .port(port)
                                    .databaseFile(dir.resolve("late.db"))
                                    .start()),
                            DELAY.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    up.completeExceptionally(e);
                }
            });
            EntityManagerFactory emf = Persistence.createEntityManagerFactory(
                    "shelf", Map.of("jakarta.persistence.jdbc.url", url, "hibernate.hbm2ddl.auto", "update"));
            long booted = System.nanoTime();
            server = up.get(30, TimeUnit.SECONDS);
            try {
                assertThat(Duration.ofNanos(booted - refusedAt.get()))
                        .describedAs("the boot waited for the database from the first refusal until it came up")
                        .isGreaterThanOrEqualTo(DELAY);
                EntityManager em = emf.createEntityManager();
                em.getTransaction().begin();
                em.persist(new Shelf(1L, "late"));
                em.getTransaction().commit();
                em.clear();
                assertThat(em.find(Shelf.class, 1L).getName()).isEqualTo("late");
                em.close();
            } finally {
                emf.close();
            }
        } finally {
            starter.shutdownNow();
        }
        assertThat(log)
                .describedAs("the wait is logged")
                .anySatisfy(line -> assertThat(line)
                        .contains("127.0.0.1:" + port)
                        .contains("refuses connections")
                        .contains("connectWait"));
        assertThat(log).anySatisfy(line -> assertThat(line).containsPattern("answered after ([3-9]|\\d\\d+) attempts"));
    }

    @Test
    void aDatabaseThatNeverComesFailsTheBootAtTheDeadlineNamingTheUrlNotTheToken() throws Exception {
        int port = freePort();
        String url = "jdbc:libsql:http://127.0.0.1:" + port + "?connectWait=2";
        long start = System.nanoTime();
        assertThatThrownBy(() -> Persistence.createEntityManagerFactory(
                        "shelf",
                        Map.of(
                                "jakarta.persistence.jdbc.url",
                                url,
                                "hibernate.hbm2ddl.auto",
                                "update",
                                "jakarta.persistence.jdbc.password",
                                "s3cr3t-token")))
                .satisfies(e -> assertThat(stackTrace(e))
                        .contains("http://127.0.0.1:" + port + " did not accept a connection within 2 s")
                        .contains("property connectWait")
                        .contains("last error")
                        .doesNotContain("s3cr3t-token"));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .describedAs("waited up to the deadline")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
