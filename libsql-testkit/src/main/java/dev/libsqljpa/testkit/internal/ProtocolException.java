package dev.libsqljpa.testkit.internal;

/**
 * A protocol violation that sqld answers with HTTP 400 and a {@code text/plain} body; the stream
 * the request belonged to is closed. The message is the body.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
