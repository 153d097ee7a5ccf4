package dev.libsqljpa.hrana.v3.proto;

import java.util.Objects;

/** The body of a {@code POST /v3/cursor}: a batch to run on the stream of {@code baton} (null opens one). */
public record CursorRequest(String baton, Batch batch) {
    public CursorRequest {
        Objects.requireNonNull(batch, "batch");
    }

    @Override
    public String toString() {
        return "CursorRequest[baton=" + (baton == null ? "none" : "<redacted>") + ", batch=" + batch + "]";
    }
}
