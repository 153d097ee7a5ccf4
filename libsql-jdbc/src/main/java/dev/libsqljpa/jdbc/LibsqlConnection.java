package dev.libsqljpa.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Extensions of a libSQL JDBC connection, reached through {@code unwrap} (also through pools and
 * application-server wrappers): {@code connection.unwrap(LibsqlConnection.class)}.
 *
 * <p><b>Batch deferral</b> (off by default; plain JDBC keeps exact {@code executeBatch}
 * semantics). While it is on and a manual-commit transaction is open, {@code executeBatch()} of a
 * {@code PreparedStatement} whose SQL is a plain single-row {@code INSERT INTO … VALUES (…)}
 * (no {@code OR …}, {@code ON CONFLICT}, {@code RETURNING}, {@code SELECT}, no generated keys
 * requested) sends nothing and returns {@code 1} per row. The queued rows ride the next request
 * of the connection (a query, another batch, commit, {@link #endBatchDeferral()}), ahead of that
 * call's own statements, in order and gated: if a queued row fails, that call fails with the
 * row's {@link BatchUpdateException} (counts of the rows before it in its batch) and nothing after
 * it runs. {@code rollback()} sends nothing for rows never sent; {@code close()} discards them.
 * The queue is flushed on its own beyond 5000 rows or about 4 MB. Deferral ends at commit,
 * rollback and close. Hibernate users get it automatically around every flush
 * ({@code libsql-hibernate}).
 */
public interface LibsqlConnection extends Connection {

    /** Turns batch deferral on for this connection (idempotent; no request). */
    void beginBatchDeferral() throws SQLException;

    /**
     * Turns batch deferral off and sends the queued rows, if any, in one request.
     *
     * @throws BatchUpdateException if a queued row failed, as its {@code executeBatch} would have
     */
    void endBatchDeferral() throws SQLException;

    /** Whether batch deferral is on. */
    boolean isBatchDeferral() throws SQLException;
}
