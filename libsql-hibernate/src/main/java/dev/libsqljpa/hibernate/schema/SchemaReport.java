package dev.libsqljpa.hibernate.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one schema action did, statement by statement. Instances are filled by the tool while the
 * action runs and handed to {@link SchemaReportListener}s when it ends; thread-safe.
 */
public final class SchemaReport {

    /** Outcome of one statement. */
    public enum Outcome {
        APPLIED,
        SKIPPED_BENIGN,
        FAILED
    }

    /**
     * One statement and what happened to it.
     *
     * @param sql     the statement as sent
     * @param outcome applied, skipped as benign, or failed
     * @param detail  for skipped statements the reason, for failed ones the server's message
     */
    public record Entry(String sql, Outcome outcome, String detail) {}

    private final String action;
    private final List<Entry> entries = new ArrayList<>();
    private volatile boolean failed;
    private volatile String failure;

    SchemaReport(String action) {
        this.action = action;
    }

    /** The action: {@code create}, {@code drop}, {@code update}, {@code validate}, {@code delayed-drop}. */
    public String action() {
        return action;
    }

    public synchronized List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    public List<String> statements(Outcome outcome) {
        return entries().stream()
                .filter(e -> e.outcome() == outcome)
                .map(Entry::sql)
                .collect(Collectors.toList());
    }

    public List<String> applied() {
        return statements(Outcome.APPLIED);
    }

    public List<String> skipped() {
        return statements(Outcome.SKIPPED_BENIGN);
    }

    public List<String> failedStatements() {
        return statements(Outcome.FAILED);
    }

    /** {@code true} when the action ended with an error (a failed statement or anything else). */
    public boolean failed() {
        return failed;
    }

    /** The error that ended the action, else {@code null}. */
    public String failure() {
        return failure;
    }

    synchronized void add(Entry entry) {
        entries.add(entry);
    }

    void markFailed(String message) {
        failed = true;
        if (failure == null) {
            failure = message;
        }
    }

    /** The summary line the tool logs at the end of the action. */
    public String summary() {
        return "libSQL schema " + action + (failed ? " FAILED" : " done") + ": "
                + applied().size() + " applied, " + skipped().size() + " skipped as benign, "
                + failedStatements().size() + " failed" + (failed && failure != null ? ": " + failure : "");
    }

    @Override
    public String toString() {
        return summary();
    }
}
