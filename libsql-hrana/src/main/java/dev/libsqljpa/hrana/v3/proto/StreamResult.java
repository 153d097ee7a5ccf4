package dev.libsqljpa.hrana.v3.proto;

import java.util.Objects;

/**
 * The outcome of one request of a pipeline: {@code results[i]} answers {@code requests[i]}. SQL
 * errors are in-band ({@link Failure}); later requests of the pipeline still run.
 */
public sealed interface StreamResult {

    record Ok(StreamResponse response) implements StreamResult {
        public Ok {
            Objects.requireNonNull(response, "response");
        }
    }

    record Failure(HranaError error) implements StreamResult {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }
}
