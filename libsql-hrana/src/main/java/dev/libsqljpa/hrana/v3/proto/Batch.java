package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/** A batch of conditional steps executed in order in one request. */
public record Batch(List<BatchStep> steps, Long replicationIndex) {
    public Batch {
        steps = List.copyOf(steps);
    }

    public Batch(List<BatchStep> steps) {
        this(steps, null);
    }
}
