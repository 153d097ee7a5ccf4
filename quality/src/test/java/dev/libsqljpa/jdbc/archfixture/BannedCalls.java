package dev.libsqljpa.jdbc.archfixture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Deliberately bad: every banned call, each in its own method. */
public final class BannedCalls {

    private BannedCalls() {}

    public static void printsToStdout() {
        System.out.println("library code must not print");
    }

    public static void printsToStderr() {
        System.err.println("library code must not print");
    }

    public static void sleepsOnThread() throws InterruptedException {
        Thread.sleep(1);
    }

    public static void sleepsOnTimeUnit() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(1);
    }

    public static void parksForAWhile() {
        LockSupport.parkNanos(1_000_000L);
    }

    public static void parksUntilADeadline() {
        LockSupport.parkUntil(System.currentTimeMillis() + 1);
    }

    public static void waitsOnAMonitorForAWhile(Object monitor) throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(1);
        }
    }

    /** A bounded back-off: allowed only when named in the exemptions (the self-test names it). */
    public static void boundedBackOff(long deadlineNanos) {
        long backoff = 1_000_000L;
        while (System.nanoTime() - deadlineNanos < 0) {
            LockSupport.parkNanos(Math.min(backoff, deadlineNanos - System.nanoTime()));
            backoff *= 2;
        }
    }

    public static String lowerCasesInDefaultLocale(String text) {
        return text.toLowerCase();
    }

    public static String upperCasesInDefaultLocale(String text) {
        return text.toUpperCase();
    }

    public static void dumpsStackTrace(RuntimeException e) {
        e.printStackTrace();
    }

    /** Same name and signature as the exempt HranaEndpoint method, but another class: not exempt. */
    static void pause(long millis, RuntimeException pending) throws InterruptedException {
        Thread.sleep(millis);
    }
}
