package dev.libsqljpa.hrana.v3.proto;

/** Close the stream; must be the last request of the pipeline. */
public record CloseStreamReq() implements StreamRequest {
    @Override
    public String type() {
        return "close";
    }
}
