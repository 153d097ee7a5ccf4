package dev.libsqljpa.hrana.v3.proto;

/** Ask whether the stream is in autocommit mode (v3 only). */
public record GetAutocommitStreamReq() implements StreamRequest {
    @Override
    public String type() {
        return "get_autocommit";
    }
}
