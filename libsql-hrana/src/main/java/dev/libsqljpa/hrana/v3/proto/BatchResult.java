package dev.libsqljpa.hrana.v3.proto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-step outcomes of a batch. For step {@code i} exactly one of {@code stepResults.get(i)} and
 * {@code stepErrors.get(i)} is non-null, or both are null when the step was skipped. The lists
 * may contain nulls and are unmodifiable.
 */
public record BatchResult(List<StmtResult> stepResults, List<HranaError> stepErrors) {
    public BatchResult {
        stepResults = Collections.unmodifiableList(new ArrayList<>(stepResults));
        stepErrors = Collections.unmodifiableList(new ArrayList<>(stepErrors));
    }
}
