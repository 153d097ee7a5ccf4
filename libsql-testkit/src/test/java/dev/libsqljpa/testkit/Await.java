package dev.libsqljpa.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition with a deadline (no sleeps to wait for things). */
final class Await {
    private Await() {}

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
