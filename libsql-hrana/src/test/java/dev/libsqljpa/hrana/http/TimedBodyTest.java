package dev.libsqljpa.hrana.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link TimedBody}: the reading side of an answer's body with a deadline on each wait. A stall past the
 * deadline fails the read with {@link BodyReadTimeoutException} and cancels the exchange; a body that
 * arrives slowly but never waits longer than the deadline is read whole; closing or interrupting a
 * blocked reader wakes it. None of these hangs.
 */
class TimedBodyTest {

    private static final Duration NO_HANG = Duration.ofSeconds(20);

    /** The client's side of the subscription: counts requests, records a cancel. */
    private static final class Subscription implements Flow.Subscription {
        final Semaphore requested = new Semaphore(0);
        final AtomicInteger requests = new AtomicInteger();
        volatile boolean cancelled;

        @Override
        public void request(long n) {
            requests.addAndGet((int) n);
            requested.release((int) n);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static List<ByteBuffer> chunk(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static TimedBody body(Duration readTimeout, Subscription subscription) {
        TimedBody body = new TimedBody(readTimeout.toNanos(), "http://server/v2/pipeline");
        body.onSubscribe(subscription);
        return body;
    }

    private static InputStream in(TimedBody body) {
        return body.getBody().toCompletableFuture().join();
    }

    @Test
    void aStallPastTheDeadlineFailsTheReadAndCancelsTheExchange() {
        Subscription subscription = new Subscription();
        TimedBody body = body(Duration.ofMillis(300), subscription);
        body.onNext(chunk("[1,2"));
        InputStream in = in(body);
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertThat(new String(in.readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("[1,2");
            assertThat(subscription.cancelled).isFalse();
            assertThatThrownBy(in::read)
                    .isInstanceOf(BodyReadTimeoutException.class)
                    .hasMessage("no data from http://server/v2/pipeline for 300 ms while reading the answer");
            assertThatThrownBy(in::read)
                    .describedAs("a later read fails the same way, it does not wait again")
                    .isInstanceOf(BodyReadTimeoutException.class);
        });
        assertThat(subscription.cancelled).isTrue();
    }

    @Test
    void aSlowButSteadyBodyIsReadWholeThoughItTakesLongerThanTheDeadline() throws Exception {
        Subscription subscription = new Subscription();
        Duration readTimeout = Duration.ofMillis(1500);
        TimedBody body = body(readTimeout, subscription);
        int chunks = 40;
        long gapNanos = TimeUnit.MILLISECONDS.toNanos(75); // 40 gaps: twice the deadline in all
        Thread server = new Thread(() -> {
            try {
                for (int i = 0; i < chunks; i++) {
                    subscription.requested.acquire();
                    LockSupport.parkNanos(gapNanos); // the server's pace
                    body.onNext(chunk(i + ","));
                }
                body.onComplete();
            } catch (InterruptedException e) {
                body.onError(e);
            }
        });
        server.start();
        long started = System.nanoTime();
        String read =
                assertTimeoutPreemptively(NO_HANG, () -> new String(in(body).readAllBytes(), StandardCharsets.UTF_8));
        long took = System.nanoTime() - started;
        server.join();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            expected.append(i).append(',');
        }
        assertThat(read).isEqualTo(expected.toString());
        assertThat(took)
                .describedAs("the body took longer than one deadline: the deadline is per wait, not per body")
                .isGreaterThan(readTimeout.toNanos());
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void oneMoreChunkIsRequestedOnlyWhenTheReaderTakesTheLastOne() throws Exception {
        Subscription subscription = new Subscription();
        TimedBody body = body(Duration.ofSeconds(5), subscription);
        assertThat(subscription.requests.get()).isEqualTo(1);
        body.onNext(chunk("ab"));
        InputStream in = in(body);
        assertThat(subscription.requests.get())
                .describedAs("nothing more is asked for before the reader takes the chunk")
                .isEqualTo(1);
        assertThat(in.read()).isEqualTo('a');
        assertThat(subscription.requests.get()).isEqualTo(2);
        assertThat(in.read()).isEqualTo('b');
        assertThat(subscription.requests.get()).isEqualTo(2);
        body.onComplete();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void closeFromAnotherThreadWakesABlockedReaderAndCancelsTheExchange() throws Exception {
        Subscription subscription = new Subscription();
        TimedBody body = body(Duration.ofSeconds(120), subscription);
        InputStream in = in(body);
        BlockedRead read = BlockedRead.start(in);
        in.close();
        read.awaitEnd();
        assertThat(read.failure.get()).isInstanceOf(IOException.class).hasMessageContaining("was closed");
        assertThat(subscription.cancelled).isTrue();
    }

    @Test
    void anInterruptedReaderFailsAtOnceAndCancelsTheExchange() throws Exception {
        Subscription subscription = new Subscription();
        TimedBody body = body(Duration.ofSeconds(120), subscription);
        BlockedRead read = BlockedRead.start(in(body));
        read.thread.interrupt();
        read.awaitEnd();
        assertThat(read.failure.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(read.stillInterrupted.get())
                .describedAs("the interrupt is kept for the caller")
                .isTrue();
        assertThat(subscription.cancelled).isTrue();
    }

    @Test
    void aFailureOfTheExchangeFailsTheRead() {
        Subscription subscription = new Subscription();
        TimedBody body = body(Duration.ofSeconds(5), subscription);
        body.onError(new IOException("connection reset"));
        assertThatThrownBy(() -> in(body).read())
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    /** One read of {@code in} in a thread of its own, blocked waiting for the body once started. */
    private static final class BlockedRead {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        final Thread thread;

        private BlockedRead(InputStream in) {
            thread = new Thread(() -> {
                try {
                    in.read();
                } catch (Throwable t) {
                    failure.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
        }

        static BlockedRead start(InputStream in) {
            BlockedRead read = new BlockedRead(in);
            read.thread.start();
            awaitParked(read.thread);
            return read;
        }

        void awaitEnd() throws InterruptedException {
            thread.join(NO_HANG.toMillis());
            assertThat(thread.isAlive()).describedAs("the reader woke up").isFalse();
        }
    }

    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + NO_HANG.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reader did not block");
            }
            LockSupport.parkNanos(5_000_000L); // a polling interval, not a wait for the condition
        }
    }
}
