package dev.libsqljpa.testkit.internal;

/** Thrown after the statement at which the fault hook halts the server; unwinds to the HTTP layer. */
public final class HaltException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HaltException() {
        super("server halted by the fault hook", null, false, false);
    }
}
