/**
 * The driver's implementation, not API: the JDBC objects (connection, statements, result sets,
 * savepoints) and the {@code Connector} that opens connections. They sit on four sub-packages,
 * each of which may use only the ones listed after it:
 *
 * <ul>
 *   <li>{@code metadata}: {@code DatabaseMetaData}, result-set and parameter metadata, the catalog SQL;
 *   <li>{@code protocol}: the Hrana session of one connection: request planning that keeps each JDBC
 *       action to one HTTP request, the transaction state machine, deferred inserts, batch execution,
 *       update counts per server kind, the connection lock;
 *   <li>{@code types}: binding Java values to Hrana values and reading them back (SQLite's type
 *       affinities, text-coded temporals and decimals, blobs and clobs);
 *   <li>{@code sql}: SQL text classification and the one mapper from protocol outcomes to
 *       {@link java.sql.SQLException}s ({@code SqlExceptions}).
 * </ul>
 *
 * <p>None of these packages builds JSON or HTTP itself: they talk to {@code dev.libsqljpa.hrana.session}
 * and {@code dev.libsqljpa.hrana.http} (ArchUnit rules in the {@code quality} module hold that, and that
 * the packages form no cycle). {@code docs/architecture.md} describes the request-planning rules and the
 * round-trip budget.
 */
package dev.libsqljpa.jdbc.internal;
