package dev.libsqljpa.hibernate.schema;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.jboss.logging.Logger;

/**
 * One schema action in progress: its settings, its report, its log lines and the error rule. Passed
 * from the tool's wrappers to its JDBC context inside the action's configuration map (no global state).
 */
final class SchemaRun {

    private static final Logger LOG = Logger.getLogger(LibsqlSchemaManagementTool.LOG_CATEGORY);
    private static final String HALT_ON_ERROR = "hibernate.hbm2ddl.halt_on_error";

    final SchemaReport report;
    final boolean haltOnError;
    final boolean batch;
    final boolean dropUnmappedColumns;
    final Duration waitTimeout;
    final String redactedUrl;
    private final SchemaReportListener listener;
    private final AtomicBoolean ready;
    private ExistingSchema schemaReadWhenReady;
    private RuntimeException pendingFailure;
    private boolean finished;

    SchemaRun(String action, Map<String, Object> settings, AtomicBoolean databaseAnswered) {
        this.report = new SchemaReport(action);
        this.ready = databaseAnswered;
        Object halt = settings.get(HALT_ON_ERROR);
        // Fails the action by default; only an explicit halt_on_error=false downgrades failures to warnings.
        this.haltOnError =
                halt == null || !"false".equalsIgnoreCase(String.valueOf(halt).trim());
        this.batch = !"false"
                .equalsIgnoreCase(String.valueOf(settings.getOrDefault(SchemaSettings.BATCH, "true"))
                        .trim());
        this.dropUnmappedColumns = "true"
                .equalsIgnoreCase(String.valueOf(settings.getOrDefault(SchemaSettings.DROP_UNMAPPED_COLUMNS, "false"))
                        .trim());
        this.waitTimeout =
                parseDuration(settings.getOrDefault(SchemaSettings.WAIT_TIMEOUT, SchemaSettings.DEFAULT_WAIT_TIMEOUT));
        this.redactedUrl = DatabaseReadiness.redact(url(settings));
        Object l = settings.get(SchemaSettings.REPORT_LISTENER);
        if (l != null && !(l instanceof SchemaReportListener)) {
            throw new SchemaManagementException(
                    "Setting " + SchemaSettings.REPORT_LISTENER + " must be a SchemaReportListener instance, not "
                            + l.getClass().getName());
        }
        this.listener = (SchemaReportListener) l;
    }

    static SchemaRun from(Map<String, Object> settings) {
        Object run = settings == null ? null : settings.get(SchemaSettings.RUN);
        return run instanceof SchemaRun schemaRun ? schemaRun : null;
    }

    /**
     * Waits for the database before the first statement or metadata read; once it answered, later
     * actions of the same SessionFactory (schema tool instance) do not probe again. The probe is the
     * schema query; its answer is kept for {@link #takeSchemaReadWhenReady()}.
     */
    void awaitReady(JdbcConnectionAccess access) {
        if (!ready.get()) {
            ExistingSchema schema = DatabaseReadiness.await(access, waitTimeout, redactedUrl);
            synchronized (this) {
                schemaReadWhenReady = schema;
            }
            ready.set(true);
        }
    }

    /**
     * The schema the readiness probe of this action read, once (later reads go to the database), or
     * null when this action did not probe. Taken right after the probe, before any statement of the
     * action ran, so it is the schema the action would read itself.
     */
    synchronized ExistingSchema takeSchemaReadWhenReady() {
        ExistingSchema schema = schemaReadWhenReady;
        schemaReadWhenReady = null;
        return schema;
    }

    /** Forgets the probe's schema: a statement ran, so the action must read the schema again. */
    synchronized void statementRan() {
        schemaReadWhenReady = null;
    }

    void applied(String sql) {
        report.add(new SchemaReport.Entry(sql, SchemaReport.Outcome.APPLIED, null));
        LOG.infof("libSQL schema %s: applied: %s", report.action(), sql);
    }

    /**
     * Applies the rule to a failed statement: benign → logged and recorded, returns normally; otherwise
     * recorded as failed and, when halting (the default), thrown as a {@link SchemaManagementException}
     * naming the statement and the server's message; with {@code halt_on_error=false} logged as a warning.
     */
    void statementFailed(String sql, SQLException error) {
        Optional<String> benign = BenignErrors.classify(sql, error);
        if (benign.isPresent()) {
            report.add(new SchemaReport.Entry(sql, SchemaReport.Outcome.SKIPPED_BENIGN, benign.get()));
            LOG.infof("libSQL schema %s: skipped as benign (%s): %s", report.action(), benign.get(), sql);
            return;
        }
        String message = String.valueOf(error.getMessage());
        report.add(new SchemaReport.Entry(sql, SchemaReport.Outcome.FAILED, message));
        String text = "libSQL schema " + report.action() + " failed at statement [" + sql + "]: " + message;
        if (haltOnError) {
            LOG.errorf("libSQL schema %s: failed: %s: %s", report.action(), sql, message);
            report.markFailed(text);
            throw new SchemaManagementException(text, error);
        }
        LOG.warnf(
                "libSQL schema %s: failed (continuing, %s=false): %s: %s",
                report.action(), HALT_ON_ERROR, sql, message);
    }

    /** Remembers a failure that surfaced where Hibernate would swallow it (closing a statement). */
    synchronized void setPendingFailure(RuntimeException failure) {
        if (pendingFailure == null) {
            pendingFailure = failure;
        }
    }

    synchronized void rethrowPendingFailure() {
        RuntimeException failure = pendingFailure;
        pendingFailure = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** Logs the summary and hands the report to the listener; once. */
    void finish(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        if (failure != null) {
            report.markFailed(DatabaseReadiness.describe(failure));
        }
        if (report.failed()) {
            LOG.error(report.summary());
        } else {
            LOG.info(report.summary());
        }
        if (listener != null) {
            listener.onReport(report);
        }
    }

    static Duration parseDuration(Object value) {
        return SettingDurations.parse(value)
                .orElseThrow(() -> new SchemaManagementException("Setting " + SchemaSettings.WAIT_TIMEOUT + " must be "
                        + SettingDurations.ACCEPTED + "; got [" + value + "]"));
    }

    private static String url(Map<String, Object> settings) {
        for (String key :
                new String[] {"jakarta.persistence.jdbc.url", "hibernate.connection.url", "javax.persistence.jdbc.url"
                }) {
            Object v = settings.get(key);
            if (v != null) {
                return String.valueOf(v);
            }
        }
        return null;
    }
}
