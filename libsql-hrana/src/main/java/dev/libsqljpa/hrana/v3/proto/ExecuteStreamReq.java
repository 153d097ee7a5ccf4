package dev.libsqljpa.hrana.v3.proto;

/** Execute one statement. */
public record ExecuteStreamReq(Stmt stmt) implements StreamRequest {
    @Override
    public String type() {
        return "execute";
    }
}
