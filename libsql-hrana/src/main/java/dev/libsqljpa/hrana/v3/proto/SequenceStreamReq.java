package dev.libsqljpa.hrana.v3.proto;

/** Execute semicolon-separated SQL, discarding rows; stops at the first error. */
public record SequenceStreamReq(String sql, Integer sqlId) implements StreamRequest {
    @Override
    public String type() {
        return "sequence";
    }
}
