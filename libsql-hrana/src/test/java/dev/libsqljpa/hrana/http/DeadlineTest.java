package dev.libsqljpa.hrana.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aPassedDeadlineLeavesOneNanosecondSoThatWaitsTimeOutInsteadOfBlocking() {
        Deadline passed = new Deadline(System.nanoTime() - 1_000, Duration.ofMillis(1));
        assertThat(passed.passed()).isTrue();
        assertThat(passed.remainingNanos()).isNegative();
        assertThat(passed.remaining()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void aFutureDeadlineCountsDown() {
        Deadline deadline = Deadline.in(Duration.ofMinutes(1));
        assertThat(deadline.passed()).isFalse();
        assertThat(deadline.remaining()).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    @Test
    void itKeepsTheTimeoutItWasMadeFromForMessages() {
        Deadline deadline = Deadline.in(Duration.ofMillis(300));
        assertThat(deadline.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(deadline.timeoutText()).isEqualTo("300 ms");
        assertThat(Deadline.in(Duration.ofNanos(500)).timeoutText()).isEqualTo("500 ns");
    }

    @Test
    void lockTakenByAnotherThreadTimesOutAtTheDeadlineSayingNothingWasSent() {
        ReentrantLock lock = new ReentrantLock();
        CompletableFuture.runAsync(lock::lock).join();
        assertThat(lock.isLocked()).isTrue();

        assertThatThrownBy(() -> Deadline.in(Duration.ofMillis(20)).lock(lock, "another request on this stream"))
                .isInstanceOfSatisfying(HranaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HranaException.Reason.TIMEOUT);
                    assertThat(e.mayHaveBeenProcessed()).isFalse();
                })
                .hasMessage("Timed out waiting for another request on this stream; nothing was sent");
        assertThat(lock.isHeldByCurrentThread()).isFalse();
    }

    @Test
    void freeLockIsTaken() throws HranaException {
        ReentrantLock lock = new ReentrantLock();
        Deadline.in(Duration.ofSeconds(1)).lock(lock, "nothing");
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
    }
}
