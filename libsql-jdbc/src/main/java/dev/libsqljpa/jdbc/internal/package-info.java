/**
 * The driver's implementation, not API: JDBC objects (connection, statements, result sets,
 * metadata) on top of {@code libsql-hrana}'s streams, the request planning that keeps each JDBC
 * action to one HTTP request, value binding and conversion, and the one mapper from protocol
 * outcomes to {@link java.sql.SQLException}s ({@code SqlExceptions}).
 *
 * <p>This package never builds JSON or HTTP itself: it talks to {@code dev.libsqljpa.hrana.session}
 * and {@code dev.libsqljpa.hrana.http} (an ArchUnit rule in the {@code quality} module holds that).
 * {@code docs/architecture.md} describes the request-planning rules and the round-trip budget.
 */
package dev.libsqljpa.jdbc.internal;
