/**
 * {@link dev.libsqljpa.hibernate.schema.LibsqlSchemaManagementTool}: schema create, drop, update and
 * validate that survive partial deploys and late databases ({@code docs/schema-management.md}).
 *
 * <p>How one action runs (here {@code update}; create and drop are Hibernate's own creator and dropper
 * given the same wrapped options):
 * <pre>
 * Hibernate            LibsqlSchemaManagementTool      ObservedJdbcContext          database
 *   |  doMigration(...)        |                             |                          |
 *   |-------------------------&gt;| new SchemaRun (settings,    |                          |
 *   |                          |  report, error rule)        |                          |
 *   |                          | wrap ExecutionOptions       |                          |
 *   |                          |  (exception handler applies |                          |
 *   |                          |  BenignErrors)              |                          |
 *   |  obtainConnection()      |                             |                          |
 *   |-------------------------------------------------------&gt;| DatabaseReadiness:       |
 *   |                          |                             |  ExistingSchema query,   |
 *   |                          |                             |  back-off --------------&gt;|
 *   |                          |                             |  until answer/deadline   |
 *   |                          | ExistingSchema: the probe's |                          |
 *   |                          |  answer (no 2nd request)    |                          |
 *   |                          | SchemaDiff -&gt; statements    |                          |
 *   |  execute(ddl) ...        |                             |                          |
 *   |-------------------------------------------------------&gt;| record or collect        |
 *   |  close statement         |                             |                          |
 *   |-------------------------------------------------------&gt;| StatementExecutor: one   |
 *   |                          |                             |  batch -----------------&gt;|
 *   |                          |                             |  (on failure: one by one |
 *   |                          |                             |   under BenignErrors)    |
 *   |                          | SchemaReport -&gt; log lines,  |                          |
 *   |&lt;-------------------------|  SchemaReportListener       |                          |
 * </pre>
 * {@code ObservedJdbcContext} sits between Hibernate's tooling and the application's connection
 * access: it hands out the first connection only once the database answered, records every DDL
 * statement as applied or failed, and (with batching on) collects them to send as one batch.
 */
package dev.libsqljpa.hibernate.schema;
