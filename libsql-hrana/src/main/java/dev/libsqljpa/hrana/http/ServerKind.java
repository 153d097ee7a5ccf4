package dev.libsqljpa.hrana.http;

/**
 * The server family behind an endpoint, detected once and cached per endpoint.
 *
 * <ul>
 *   <li>{@link #FULL_V3}: sqld / Turso Cloud / libsql-testkit on {@code /v3/pipeline}: batons,
 *       {@code close}, {@code get_autocommit}, {@code is_autocommit}.</li>
 *   <li>{@link #FULL_V2}: the same on {@code /v2/pipeline} (no {@code get_autocommit}).</li>
 *   <li>{@link #MINIMAL}: {@code tursodb --sync-server}: {@code /v2/pipeline}, only {@code execute}
 *       and {@code batch}, no streams (one engine connection shared by all clients), no
 *       {@code close}, zero {@code affected_row_count}, null {@code last_insert_rowid}.</li>
 * </ul>
 */
public enum ServerKind {
    FULL_V3("/v3/pipeline"),
    FULL_V2("/v2/pipeline"),
    MINIMAL("/v2/pipeline");

    private final String pipelinePath;

    ServerKind(String pipelinePath) {
        this.pipelinePath = pipelinePath;
    }

    /** Path of the pipeline endpoint relative to the database base URL. */
    public String pipelinePath() {
        return pipelinePath;
    }

    /** Whether the server keeps per-client streams with batons and understands {@code close}. */
    public boolean hasStreams() {
        return this != MINIMAL;
    }
}
