package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/**
 * The body of {@code POST /v2/pipeline} or {@code /v3/pipeline}. A null baton opens a new stream.
 * {@code toString} never shows the baton: it is a secret that grants access to the stream.
 */
public record PipelineRequest(String baton, List<StreamRequest> requests) {
    public PipelineRequest {
        requests = List.copyOf(requests);
    }

    @Override
    public String toString() {
        return "PipelineRequest[baton=" + (baton == null ? "none" : "<redacted>") + ", requests=" + requests + "]";
    }
}
