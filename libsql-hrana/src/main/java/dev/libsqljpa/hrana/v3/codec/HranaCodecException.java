package dev.libsqljpa.hrana.v3.codec;

import java.io.IOException;

/**
 * JSON that is not valid Hrana: malformed, truncated, or of the wrong shape. The message says
 * where ({@code $.requests[2].stmt.args[0]}) and what was expected.
 */
public class HranaCodecException extends IOException {
    private static final long serialVersionUID = 1L;

    public HranaCodecException(String message) {
        super(message);
    }

    public HranaCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
