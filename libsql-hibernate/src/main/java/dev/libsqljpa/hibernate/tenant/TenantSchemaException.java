package dev.libsqljpa.hibernate.tenant;

import dev.libsqljpa.hibernate.schema.SchemaReport;
import org.hibernate.HibernateException;

/** A tenant's schema action failed; {@link #report()} has what was applied, skipped and failed. */
public class TenantSchemaException extends HibernateException {
    private static final long serialVersionUID = 1L;
    private final transient SchemaReport report;

    public TenantSchemaException(String message, SchemaReport report, Throwable cause) {
        super(message, cause);
        this.report = report;
    }

    /** The schema tool's report of the failed action, or null if it failed before its first statement. */
    public SchemaReport report() {
        return report;
    }
}
