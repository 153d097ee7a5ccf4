package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link GeneratedIdContract} on the in-JVM testkit server (sqld semantics: isolated transactions), plus
 * what needs its counters or real concurrency.
 */
class TestkitGeneratedIdTest extends GeneratedIdContract {

    protected LibsqlTestServer server;

    @Override
    protected String startServer() {
        server = LibsqlTestServer.builder().port(0).start();
        return "jdbc:libsql:" + server.url();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * One request per reserved id (the first carries {@code BEGIN}); the commit's flush leaves the batched
     * inserts queued and they ride the {@code COMMIT} request. The built-in pool of the {@code ids} unit adds
     * nothing.
     */
    @Test
    void eachIdIsOneRequestAndTheInsertsAreBatched() {
        EntityManagerFactory emf = instance();
        persistTickets(emf, "warm-up", 1);

        server.counters().reset();
        List<Long> ids = persistTickets(emf, "t", 10);

        assertThat(ids).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(server.counters().httpRequests())
                .describedAs(
                        "HTTP requests for 10 persists and a commit: 10 reservations + 1 (insert batch and COMMIT)")
                .isEqualTo(11);
    }

    /** Two instances writing at the same time: the write lock serialises their reservations. */
    @Test
    void twoInstancesWritingConcurrentlyNeverShareAnId() throws Exception {
        EntityManagerFactory a = instance();
        EntityManagerFactory b = instance();
        persistTickets(a, "boot", 1); // both schemas are up before the race
        List<Long> idsA = new ArrayList<>();
        List<Long> idsB = new ArrayList<>();

        CompletableFuture<Void> runA = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10; i++) {
                idsA.addAll(persistTickets(a, "a" + i, 3));
            }
        });
        CompletableFuture<Void> runB = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10; i++) {
                idsB.addAll(persistTickets(b, "b" + i, 3));
            }
        });
        CompletableFuture.allOf(runA, runB).get(120, TimeUnit.SECONDS);

        List<Long> all = new ArrayList<>(idsA);
        all.addAll(idsB);
        assertThat(all)
                .describedAs("ids committed by the two instances")
                .hasSize(60)
                .doesNotHaveDuplicates();
        assertThat(column("select count(distinct id) from Ticket")).containsExactly("61");
        assertThat(column("select next_val from Ticket_SEQ")).containsExactly("62");
    }
}
