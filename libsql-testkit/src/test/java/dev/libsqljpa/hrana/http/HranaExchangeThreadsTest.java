package dev.libsqljpa.hrana.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.fake.FakeHrana;
import dev.libsqljpa.hrana.fake.FakeHttpServer;
import dev.libsqljpa.hrana.fake.FakeServers;
import dev.libsqljpa.hrana.session.HranaRows;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blocking exchanges (whole answers, and answers read while they arrive): they run in the caller's thread
 * without a thread per answer, and the interrupts the transport uses to end them (deadline, close) never leak to
 * the caller, while the application's own interrupt is reported and kept.
 */
class HranaExchangeThreadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<StreamRequest> SELECT_1 = List.of(new ExecuteStreamReq(Stmt.of("select 1")));

    private final HranaTransport transport = new HranaTransport(HranaTransportConfig.defaults());

    @RegisterExtension
    final FakeServers servers = new FakeServers();

    @AfterEach
    void tearDown() {
        transport.close();
    }

    /** A V3 fake whose second pipeline never gets an answer; the latch opens when it has arrived. */
    private FakeHttpServer hangingOnSecondPipeline(CountDownLatch arrived) throws Exception {
        return hangingOnSecondPipeline(FakeHrana.Family.V3, arrived);
    }

    /** A fake of the family (MINIMAL: tursodb-like, for streamed answers) whose second pipeline hangs. */
    private FakeHttpServer hangingOnSecondPipeline(FakeHrana.Family family, CountDownLatch arrived) throws Exception {
        FakeHrana hrana = new FakeHrana(family);
        AtomicInteger posts = new AtomicInteger();
        return servers.serve(r -> {
            if (r.method().equals("POST") && posts.incrementAndGet() == 2) {
                arrived.countDown();
                return new FakeHttpServer.Hang();
            }
            return hrana.handle(r);
        });
    }

    @Test
    void exchangesOnAWarmConnectionStartNoThread() throws Exception {
        FakeHttpServer server = servers.serve(new FakeHrana(FakeHrana.Family.V3));
        HranaStream stream = new HranaStream(transport.endpoint(server.uri(), null, ServerKind.FULL_V3));
        for (int i = 0; i < 5; i++) {
            stream.send(
                    SELECT_1,
                    TIMEOUT); // the connection and the client's threads (the kind is preset: no detection probe)
        }
        long started = threadsStartedOutsidePools(() -> {
            for (int i = 0; i < 20; i++) {
                assertThat(stream.send(SELECT_1, TIMEOUT)).hasSize(1);
            }
            return null;
        });

        assertThat(started).isZero(); // a thread per answer would have started and ended 20 threads
        assertThat(server.requests("POST", "/v3/pipeline")).hasSize(25);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aTimeoutLeavesTheCallersThreadUninterruptedAndUsable() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        FakeHttpServer server = hangingOnSecondPipeline(arrived);
        HranaStream stream = new HranaStream(transport.endpoint(server.uri(), null, ServerKind.FULL_V3));
        stream.send(SELECT_1, TIMEOUT);

        HranaException e = failure(() -> stream.send(SELECT_1, Duration.ofMillis(300)));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("within the timeout (300 ms)"); // the caller's value, not the time left
        assertThat(arrived.getCount()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(new HranaStream(transport.endpoint(server.uri(), null, ServerKind.FULL_V3)).send(SELECT_1, TIMEOUT))
                .hasSize(1);
    }

    @Test
    void aTimeoutNamesTheCallersTimeoutEvenWhenDetectionUsedPartOfIt() throws Exception {
        FakeHrana hrana = new FakeHrana(FakeHrana.Family.V3);
        AtomicInteger posts = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        FakeHttpServer server = servers.serve(r -> {
            if (r.method().equals("POST")) {
                int post = posts.incrementAndGet();
                if (post == 1) {
                    // A slow server: the detection probe is answered after 150 ms of the caller's 300 ms.
                    assertThat(never.await(150, TimeUnit.MILLISECONDS)).isFalse();
                } else if (post == 2) {
                    return new FakeHttpServer.Hang();
                }
            }
            return hrana.handle(r);
        });
        HranaStream stream = new HranaStream(transport.endpoint(server.uri(), null)); // kind unknown: detects first

        long started = System.nanoTime();
        HranaException e = failure(() -> stream.send(SELECT_1, Duration.ofMillis(300)));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.TIMEOUT);
        assertThat(posts.get())
                .describedAs("the detection probe, then the request that hung")
                .isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // At most 150 ms were left when the request went out; the message names the 300 ms the caller set.
        assertThat(e.getMessage()).contains("within the timeout (300 ms)");
    }

    @Test
    void theApplicationsInterruptIsReportedAndKept() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        FakeHttpServer server = hangingOnSecondPipeline(arrived);
        HranaStream stream = new HranaStream(transport.endpoint(server.uri(), null, ServerKind.FULL_V3));
        stream.send(SELECT_1, TIMEOUT);
        CompletableFuture<HranaException> failed = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            failed.complete(failure(() -> stream.send(SELECT_1, Duration.ofDays(1))));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();

        HranaException e = failed.get(10, TimeUnit.SECONDS);
        assertThat(e.reason()).isEqualTo(HranaException.Reason.IO);
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(e.getMessage()).contains("Interrupted while waiting for the answer");
        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A select through the streamed exchange (a pipeline read while it arrives, as for tursodb), read to its end. */
    private static List<Value> streamedSelect(HranaStream stream) throws Exception {
        try (HranaRows rows = stream.openRows(SELECT_1.get(0), 0, TIMEOUT)) {
            List<Value> row = rows.next();
            assertThat(rows.next()).isNull();
            return row;
        }
    }

    @Test
    void streamedExchangesOnAWarmConnectionStartNoThread() throws Exception {
        FakeHttpServer server = servers.serve(new FakeHrana(FakeHrana.Family.MINIMAL));
        HranaStream stream = new HranaStream(transport.endpoint(server.uri(), null, ServerKind.MINIMAL));
        for (int i = 0; i < 5; i++) {
            streamedSelect(stream); // the connection and the client's threads
        }
        long started = threadsStartedOutsidePools(() -> {
            for (int i = 0; i < 20; i++) {
                assertThat(streamedSelect(stream)).hasSize(1);
            }
            return null;
        });

        assertThat(started).isZero(); // sendAsync started and ended one thread per exchange: 20
        assertThat(server.requests("POST", "/v2/pipeline")).hasSize(25);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aStreamedExchangeWithoutHeadersEndsAtTheDeadlineAndLeavesTheCallerUninterrupted() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        FakeHttpServer server = hangingOnSecondPipeline(FakeHrana.Family.MINIMAL, arrived);
        HranaEndpoint endpoint = transport.endpoint(server.uri(), null, ServerKind.MINIMAL);
        PipelineRequest select = new PipelineRequest(null, SELECT_1);
        endpoint.postPipelineStreaming(select, TIMEOUT, TIMEOUT).close();

        long started = System.nanoTime();
        HranaException e = failure(() -> endpoint.postPipelineStreaming(select, Duration.ofMillis(300), TIMEOUT));

        assertThat(e.reason()).isEqualTo(HranaException.Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("No answer from").contains("within the timeout (300 ms)");
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(arrived.getCount()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void closingTheTransportEndsAStreamedExchangeThatWaitsForHeaders() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        FakeHttpServer server = hangingOnSecondPipeline(FakeHrana.Family.MINIMAL, arrived);
        HranaEndpoint endpoint = transport.endpoint(server.uri(), null, ServerKind.MINIMAL);
        PipelineRequest select = new PipelineRequest(null, SELECT_1);
        endpoint.postPipelineStreaming(select, TIMEOUT, TIMEOUT).close();
        CompletableFuture<HranaException> failed = new CompletableFuture<>();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            failed.complete(failure(() -> endpoint.postPipelineStreaming(select, Duration.ofDays(1), TIMEOUT)));
            interrupted.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failed).isNotDone(); // waiting for the headers

        transport.close();

        HranaException e = failed.get(10, TimeUnit.SECONDS);
        assertThat(e.reason()).isEqualTo(HranaException.Reason.CLOSED);
        assertThat(e.mayHaveBeenProcessed()).isTrue();
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isFalse();
    }

    /**
     * Runs the calls and counts the threads started meanwhile that are not alive in a pool afterwards. Pool
     * threads are the client's executor (which may add a worker when two of its tasks overlap) and the fake
     * server's connection threads.
     */
    private static long threadsStartedOutsidePools(Call calls) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();
        Set<Thread> poolsBefore = poolThreads();
        calls.run();
        Set<Thread> poolsStarted = poolThreads();
        poolsStarted.removeAll(poolsBefore);
        return threads.getTotalStartedThreadCount() - startedBefore - poolsStarted.size();
    }

    /** Live threads of the transports' HTTP executors and of the fake server's connections. */
    private static Set<Thread> poolThreads() {
        Set<Thread> pools = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("libsql-hrana-http-") || t.getName().startsWith("fake-http-conn-")) {
                pools.add(t);
            }
        }
        return pools;
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static HranaException failure(Call call) {
        try {
            call.run();
        } catch (HranaException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a HranaException", e);
        }
        throw new AssertionError("expected a HranaException, got success");
    }
}
