package dev.libsqljpa.hibernate.schema;

/**
 * Receives the report of each schema action; register an instance with
 * {@link SchemaSettings#REPORT_LISTENER}. Called on the thread that ran the action, after its last
 * statement, also when the action failed.
 */
@FunctionalInterface
public interface SchemaReportListener {

    void onReport(SchemaReport report);
}
