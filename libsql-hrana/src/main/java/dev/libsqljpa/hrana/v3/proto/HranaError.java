package dev.libsqljpa.hrana.v3.proto;

/**
 * An error as the server reports it: a message, and an optional machine-readable code
 * (e.g. {@code SQLITE_CONSTRAINT}, {@code SQL_PARSE_ERROR}, {@code STREAM_EXPIRED}) and, on servers
 * following the newer spec, an optional {@code extendedCode} (e.g. {@code SQLITE_CONSTRAINT_UNIQUE}).
 */
public record HranaError(String message, String code, String extendedCode) {
    public HranaError {
        if (message == null) {
            message = "";
        }
    }

    public HranaError(String message, String code) {
        this(message, code, null);
    }
}
