package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static dev.libsqljpa.testkit.RawHrana.simple;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idle expiry and the write-lock timeout, driven by a {@link ManualClock}: nothing waits for real time. */
class ExpiryAndWriteLockTest {

    private final ManualClock clock = new ManualClock();
    private LibsqlTestServer server;
    private RawHrana hrana;

    @BeforeEach
    void start() {
        server = LibsqlTestServer.builder()
                .clock(clock)
                .maxLockWait(Duration.ofSeconds(20))
                .start();
        hrana = new RawHrana(server.url());
        assertThat(hrana.v3(null, execute("CREATE TABLE t (x)"), close()).status())
                .isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void idleStreamExpiresAfterTenSecondsWithStreamExpiredJson() {
        String baton = hrana.v3(null, execute("BEGIN"), execute("INSERT INTO t VALUES (1)"))
                .baton();
        clock.advance(Duration.ofMillis(9_900));
        String stillAlive = hrana.v3(baton, execute("INSERT INTO t VALUES (2)")).baton();
        assertThat(stillAlive)
                .describedAs("every request resets the idle timer")
                .isNotNull();
        clock.advance(Duration.ofSeconds(10));

        RawHrana.Response expired = hrana.v3(stillAlive, execute("COMMIT"));

        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.contentType()).startsWith("application/json");
        assertThat(expired.body())
                .isEqualTo("{\"message\":\"The stream has expired due to inactivity\",\"code\":\"STREAM_EXPIRED\"}");
        assertThat(hrana.column("SELECT count(*) FROM t"))
                .describedAs("rolled back")
                .containsExactly("0");
        assertThat(server.counters().openStreams()).isZero();
        assertThat(hrana.v3(stillAlive, execute("SELECT 1")).body())
                .describedAs("still known as expired")
                .contains("STREAM_EXPIRED");
        clock.advance(Duration.ofSeconds(301));
        server.counters().reset();
        Await.until("the expiry sweep forgot the stream", () -> {
            RawHrana.Response late = hrana.v3(stillAlive, execute("SELECT 1"));
            return late.body().equals("Received an invalid baton");
        });
    }

    @Test
    void backgroundSweepExpiresIdleStreamsAndReleasesTheirLocks() {
        hrana.v3(null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (1)"));
        assertThat(server.counters().openStreams()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(11));

        Await.until("the idle stream expired", () -> server.counters().openStreams() == 0);
        RawHrana.Response writer = hrana.v3(
                null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (2)"), execute("COMMIT"), close());
        assertThat(writer.status()).isEqualTo(200);
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("2");
    }

    @Test
    void waitingWriterWaitsForTheHolderToCommit() throws Exception {
        String holder = hrana.v3(null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (1)"))
                .baton();

        CompletableFuture<RawHrana.Response> waiter = hrana.v3Async(
                null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (2)"), execute("COMMIT"), close());
        Await.until(
                "the second writer waits for the lock", () -> server.counters().waitingWriters() == 1);
        assertThat(waiter).isNotDone();

        assertThat(hrana.v3(holder, execute("COMMIT"), close()).status()).isEqualTo(200);

        RawHrana.Response response = waiter.get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result(0).get("type").asText()).isEqualTo("ok");
        assertThat(hrana.column("SELECT x FROM t ORDER BY x")).containsExactly("1", "2");
        assertThat(server.counters().waitingWriters()).isZero();
    }

    @Test
    void holderPastTheWriteLockTimeoutIsRolledBackWhenAWriterWaits() throws Exception {
        String holder = hrana.v3(null, execute("BEGIN"), execute("INSERT INTO t VALUES (1)"))
                .baton();
        CompletableFuture<RawHrana.Response> waiter = hrana.v3Async(
                null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (2)"), execute("COMMIT"), close());
        Await.until(
                "the second writer waits for the lock", () -> server.counters().waitingWriters() == 1);

        clock.advance(Duration.ofSeconds(5));

        RawHrana.Response response = waiter.get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result(2).get("type").asText()).isEqualTo("ok");
        RawHrana.Response victim = hrana.v3(
                holder,
                execute("INSERT INTO t VALUES (3)"),
                simple("get_autocommit"),
                execute("SELECT count(*) FROM t"),
                close());
        assertThat(victim.status()).isEqualTo(200);
        assertThat(victim.error(0).get("code").asText()).isEqualTo("TRANSACTION_TIMEOUT");
        assertThat(victim.error(0).get("message").asText())
                .contains("write lock")
                .contains("rolled back");
        assertThat(victim.result(1).get("response").get("is_autocommit").asBoolean())
                .isTrue();
        assertThat(hrana.column("SELECT x FROM t"))
                .describedAs("the holder's insert is gone")
                .containsExactly("2");
    }

    @Test
    void holderPastTheTimeoutKeepsItsTransactionWhenNobodyWaits() {
        String holder = hrana.v3(null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (1)"))
                .baton();
        clock.advance(Duration.ofSeconds(8));

        RawHrana.Response response = hrana.v3(holder, execute("INSERT INTO t VALUES (2)"), execute("COMMIT"), close());

        assertThat(response.result(0).get("type").asText()).isEqualTo("ok");
        assertThat(response.result(1).get("type").asText()).isEqualTo("ok");
        assertThat(hrana.column("SELECT count(*) FROM t")).containsExactly("2");
    }

    @Test
    void concurrentRequestOnABusyStreamIs400AndTheRunningOneFinishes() throws Exception {
        String holder = hrana.v3(null, execute("BEGIN IMMEDIATE")).baton();
        String busy = hrana.v3(null, execute("SELECT 1")).baton();
        CompletableFuture<RawHrana.Response> running = hrana.v3Async(
                busy, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (1)"), execute("COMMIT"), close());
        Await.until("the request waits for the lock", () -> server.counters().waitingWriters() == 1);

        RawHrana.Response concurrent = hrana.v3(busy, execute("SELECT 1"));

        assertThat(concurrent.status()).isEqualTo(400);
        assertThat(concurrent.body()).isEqualTo("Received a baton that has already been used");
        hrana.v3(holder, execute("ROLLBACK"), close());
        assertThat(running.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("1");
    }

    @Test
    void restartWhileAWriterWaitsEndsTheWaitInsteadOfHanging() throws Exception {
        hrana.v3(null, execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (1)"));
        CompletableFuture<RawHrana.Response> waiter = hrana.v3Async(null, execute("BEGIN IMMEDIATE"));
        Await.until(
                "the second writer waits for the lock", () -> server.counters().waitingWriters() == 1);

        CompletableFuture<Void> restart = CompletableFuture.runAsync(server::restart);

        restart.get(10, TimeUnit.SECONDS);
        assertThat(waiter).failsWithin(10, TimeUnit.SECONDS);
        assertThat(server.counters().openStreams()).isZero();
        assertThat(hrana.v3(null, execute("INSERT INTO t VALUES (2)"), close()).status())
                .isEqualTo(200);
        assertThat(hrana.column("SELECT x FROM t"))
                .describedAs("the holder's transaction rolled back")
                .containsExactly("2");
    }
}
