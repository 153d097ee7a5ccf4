package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code getResultStream()} with {@code hibernate.jdbc.fetch_size} reads rows as they arrive (cursor endpoint). */
class ResultStreamTest {

    /** 60,000 rows of 120 characters: more than the 10 MiB one pipeline answer may carry. */
    private static final String BIG = "WITH RECURSIVE g(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM g WHERE v < 60000)"
            + " SELECT v, hex(zeroblob(60)) FROM g";

    private LibsqlTestServer server;
    private EntityManagerFactory emf;

    private void start(Map<String, Object> settings) {
        server = LibsqlTestServer.builder().port(0).start();
        Map<String, Object> all = new HashMap<>(settings);
        all.put("jakarta.persistence.jdbc.url", "jdbc:libsql:" + server.url());
        emf = Persistence.createEntityManagerFactory("matrix", all);
    }

    @AfterEach
    void stop() {
        if (emf != null) {
            emf.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aResultStreamWithAFetchSizeReadsEveryRowOfAResultBeyondThePipelineLimit() {
        start(Map.of("hibernate.jdbc.fetch_size", "500"));
        EntityManager em = emf.createEntityManager();
        AtomicLong rows = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        long before = server.counters().httpRequests();
        try (Stream<?> stream = em.createNativeQuery(BIG, Object[].class).getResultStream()) {
            stream.forEach(row -> {
                Object[] values = (Object[]) row;
                rows.incrementAndGet();
                sum.addAndGet(((Number) values[0]).longValue());
                assertThat((String) values[1]).hasSize(120);
            });
        } finally {
            em.close();
        }
        assertThat(rows.get()).isEqualTo(60_000);
        assertThat(sum.get()).isEqualTo(60_000L * 60_001 / 2);
        assertThat(server.counters().httpRequests() - before)
                .describedAs("cursor + close of its stream")
                .isEqualTo(2);
        assertThat(server.counters().openStreams()).isZero();
    }
}
