package dev.libsqljpa.jdbc.archfixture;

import java.util.concurrent.TimeUnit;

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
