package dev.libsqljpa.testkit.internal;

import dev.libsqljpa.hrana.v3.proto.HranaError;

/** An in-band error (HTTP 200, {@code {"type":"error"}}) for one request or one batch step. */
public final class StmtFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient HranaError error;

    public StmtFailure(HranaError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public StmtFailure(String code, String message) {
        this(new HranaError(message, code));
    }

    public HranaError error() {
        return error;
    }
}
