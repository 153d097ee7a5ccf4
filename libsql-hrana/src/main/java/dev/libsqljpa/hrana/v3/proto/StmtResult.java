package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/**
 * The result of one statement (Hrana 3 spec, "Statement results").
 *
 * <p>sqld fills {@code affectedRowCount} only for INSERT/UPDATE/DELETE and {@code lastInsertRowid}
 * only for INSERT (else null); minimal servers (tursodb) always send 0 and null. {@code rowsWritten}
 * is not an update count. {@code rows} is stored as a compact {@link RowTable}. {@code replicationIndex} and {@code queryDurationMs} may be null.
 */
public record StmtResult(
        List<Col> cols,
        List<List<Value>> rows,
        long affectedRowCount,
        Long lastInsertRowid,
        Long replicationIndex,
        long rowsRead,
        long rowsWritten,
        Double queryDurationMs) {

    public StmtResult {
        cols = cols == null ? List.of() : List.copyOf(cols);
        rows = rows == null ? RowTable.EMPTY : RowTable.copyOf(rows);
    }
}
