package dev.libsqljpa.hrana.v3.proto;

/** Execute a batch of conditional steps. */
public record BatchStreamReq(Batch batch) implements StreamRequest {
    @Override
    public String type() {
        return "batch";
    }
}
