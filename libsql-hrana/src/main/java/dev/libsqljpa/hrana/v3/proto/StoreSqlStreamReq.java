package dev.libsqljpa.hrana.v3.proto;

/** Store SQL text on the stream under an id. */
public record StoreSqlStreamReq(int sqlId, String sql) implements StreamRequest {
    @Override
    public String type() {
        return "store_sql";
    }
}
