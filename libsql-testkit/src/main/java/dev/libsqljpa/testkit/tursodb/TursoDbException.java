package dev.libsqljpa.testkit.tursodb;

/**
 * A tursodb server could not be found, started or stopped. The message says what was tried (binary
 * path, command, log file) and, for a failed start, ends with the last lines of the server's log.
 */
public class TursoDbException extends RuntimeException {

    public TursoDbException(String message) {
        super(message);
    }

    public TursoDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
