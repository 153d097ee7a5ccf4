package dev.libsqljpa.hrana.v3.proto;

/** The first line of a {@code /v3/cursor} answer: the stream's next baton and {@code base_url}. */
public record CursorHead(String baton, String baseUrl) {
    @Override
    public String toString() {
        return "CursorHead[baton=" + (baton == null ? "none" : "<redacted>") + ", baseUrl=" + baseUrl + "]";
    }
}
