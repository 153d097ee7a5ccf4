package dev.libsqljpa.testkit.internal;

import java.nio.charset.StandardCharsets;

/** A non-200 answer with a ready body (JSON error shapes, 429, 413, ...). */
public final class HttpErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String contentType;
    private final byte[] body;

    public HttpErrorException(int status, String contentType, byte[] body) {
        super("HTTP " + status + ": " + new String(body, StandardCharsets.UTF_8), null, false, false);
        this.status = status;
        this.contentType = contentType;
        this.body = body.clone();
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body.clone();
    }
}
