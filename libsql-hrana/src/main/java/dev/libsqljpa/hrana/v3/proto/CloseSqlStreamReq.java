package dev.libsqljpa.hrana.v3.proto;

/** Forget stored SQL text. */
public record CloseSqlStreamReq(int sqlId) implements StreamRequest {
    @Override
    public String type() {
        return "close_sql";
    }
}
