package dev.libsqljpa.hrana.v3.proto;

/** One step of a batch: a statement and an optional condition (null runs it unconditionally). */
public record BatchStep(BatchCond condition, Stmt stmt) {
    public BatchStep {
        if (stmt == null) {
            throw new IllegalArgumentException("batch step needs a statement");
        }
    }
}
