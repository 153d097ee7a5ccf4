package dev.libsqljpa.hibernate.schema;

/**
 * Settings read by {@link LibsqlSchemaManagementTool}, given like any Hibernate setting
 * ({@code persistence.xml} properties, the map passed to {@code createEntityManagerFactory}, or
 * system properties through Hibernate's own handling).
 */
public final class SchemaSettings {

    /**
     * How long the schema tool waits for the database to answer before its first statement. A number
     * of milliseconds, or a number with the unit {@code ms}, {@code s} or {@code m} ({@code "90s"}).
     * Default {@value #DEFAULT_WAIT_TIMEOUT}. {@code 0} makes one attempt only.
     */
    public static final String WAIT_TIMEOUT = "libsql.schema.wait_timeout";

    /** Default of {@link #WAIT_TIMEOUT}. */
    public static final String DEFAULT_WAIT_TIMEOUT = "60s";

    /**
     * {@code true}: {@code update} drops columns of mapped tables that the mapping no longer has
     * ({@code ALTER TABLE t DROP COLUMN c}). Default {@code false}: nothing is ever dropped by update.
     */
    public static final String DROP_UNMAPPED_COLUMNS = "libsql.schema.drop_unmapped_columns";

    /**
     * {@code true} (default): the statements of one action go to the database as one JDBC batch (one
     * request on libSQL; all or nothing), falling back to one statement at a time, each under the
     * tolerance rule, if the batch fails. {@code false}: one statement at a time.
     */
    public static final String BATCH = "libsql.schema.batch";

    /**
     * A {@link SchemaReportListener} instance (not a class name) that receives the {@link SchemaReport}
     * of every schema action, also the failed ones. Meant for tests and for applications that want the
     * outcome of each statement.
     */
    public static final String REPORT_LISTENER = "libsql.schema.report_listener";

    /** Internal: carries the current run from the tool's wrappers to its JDBC context. */
    static final String RUN = "libsql.schema.internal.run";

    private SchemaSettings() {}
}
