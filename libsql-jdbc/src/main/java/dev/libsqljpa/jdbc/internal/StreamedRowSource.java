package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.jdbc.internal.protocol.StreamedRows;
import java.sql.SQLException;
import java.util.List;

/** The rows of a minimal server's answer as they arrive ({@link StreamedRows}), for the result set. */
final class StreamedRowSource implements LibsqlResultSet.RowSource {
    private final StreamedRows rows;

    StreamedRowSource(StreamedRows rows) {
        this.rows = rows;
    }

    @Override
    public List<Value> nextRow() throws SQLException {
        return rows.nextRow();
    }

    @Override
    public void close() {
        rows.close();
    }
}
