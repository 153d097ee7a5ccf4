package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/**
 * The body of a 200 answer to a pipeline. A null baton means the stream is closed; a non-null
 * {@code baseUrl} is where the rest of the stream must be sent. {@code toString} never shows the
 * baton.
 */
public record PipelineResponse(String baton, String baseUrl, List<StreamResult> results) {
    public PipelineResponse {
        results = List.copyOf(results);
    }

    @Override
    public String toString() {
        return "PipelineResponse[baton=" + (baton == null ? "none" : "<redacted>") + ", baseUrl=" + baseUrl
                + ", results=" + results + "]";
    }
}
