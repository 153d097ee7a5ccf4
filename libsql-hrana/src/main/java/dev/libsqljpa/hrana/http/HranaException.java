package dev.libsqljpa.hrana.http;

import dev.libsqljpa.hrana.v3.proto.HranaError;
import java.io.IOException;

/**
 * A failure below the SQL level: the request could not be delivered, the server answered with a
 * non-200 status, or the answer was not valid Hrana. In-band SQL errors are not exceptions; they
 * arrive as {@link dev.libsqljpa.hrana.v3.proto.StreamResult.Failure}.
 *
 * <p>{@link #reason()} tells what happened; {@link #mayHaveBeenProcessed()} tells whether the
 * server may have executed the request (never resend such a request). Messages never contain the
 * auth token or a baton. Serializable, with everything it carries.
 */
public class HranaException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The TCP/TLS connection could not be established. Nothing reached the server. */
        CONNECT,
        /** No complete answer within the request timeout. The request may have been processed. */
        TIMEOUT,
        /** The connection failed after the request was sent. The request may have been processed. */
        IO,
        /** HTTP 401 or 403. */
        AUTH,
        /** HTTP 429: too many requests or streams; {@link #retryAfterSeconds()} when the server said. */
        RATE_LIMITED,
        /** The stream expired on the server (idle too long); its transaction was rolled back. */
        STREAM_EXPIRED,
        /** The server no longer knows the stream (restart, invalid or reused baton). State unknown. */
        STREAM_LOST,
        /** Any other non-200 answer (400, 404, 5xx). */
        HTTP_STATUS,
        /** A 200 answer whose body is not valid Hrana JSON, or has the wrong number of results. */
        MALFORMED_RESPONSE,
        /** The request is not supported by this server (for example {@code close} on tursodb). */
        UNSUPPORTED,
        /** The stream or transport was closed locally, or broken by an earlier failure. */
        CLOSED
    }

    private final Reason reason;
    private final int httpStatus;
    // The server's error as plain strings: the wire-model record is not Serializable, and every
    // exception the driver throws (with its causes) must survive serialization.
    private final String serverMessage;
    private final String serverCode;
    private final String serverExtendedCode;
    private final boolean mayHaveBeenProcessed;
    private final Long retryAfterSeconds;

    public HranaException(
            Reason reason,
            String message,
            int httpStatus,
            HranaError serverError,
            boolean mayHaveBeenProcessed,
            Long retryAfterSeconds,
            Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.serverMessage = serverError == null ? null : serverError.message();
        this.serverCode = serverError == null ? null : serverError.code();
        this.serverExtendedCode = serverError == null ? null : serverError.extendedCode();
        this.mayHaveBeenProcessed = mayHaveBeenProcessed;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public HranaException(Reason reason, String message, boolean mayHaveBeenProcessed, Throwable cause) {
        this(reason, message, 0, null, mayHaveBeenProcessed, null, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, or 0 when there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's JSON error ({@code message}, {@code code}) when the body had one, else null. */
    public HranaError serverError() {
        return serverMessage == null ? null : new HranaError(serverMessage, serverCode, serverExtendedCode);
    }

    /** Whether the server may have executed (part of) the request. */
    public boolean mayHaveBeenProcessed() {
        return mayHaveBeenProcessed;
    }

    /** Seconds from a {@code Retry-After} header of a 429, else null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
