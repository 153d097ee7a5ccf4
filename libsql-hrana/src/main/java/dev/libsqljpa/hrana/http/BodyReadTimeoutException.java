package dev.libsqljpa.hrana.http;

import java.io.IOException;

/**
 * A read of an answer's body waited longer than the read timeout for the next bytes (the server
 * stalled mid-body). The exchange has been cancelled; the rest of the body is lost.
 */
public final class BodyReadTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long timeoutMillis;

    BodyReadTimeoutException(long timeoutMillis, String where) {
        super("no data from " + where + " for " + timeoutMillis + " ms while reading the answer");
        this.timeoutMillis = timeoutMillis;
    }

    /** The read timeout that passed. */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** Whether {@code failure} or one of its causes is a body read timeout. */
    public static boolean isCause(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof BodyReadTimeoutException) {
                return true;
            }
            if (c.getCause() == c) {
                return false;
            }
        }
        return false;
    }
}
