/**
 * Flyway on libSQL: a database type found by URL or product name (registered as a Flyway plugin), the
 * SQLite behaviour Flyway already has, a migration lock that works over HTTP ({@code MigrationLock}),
 * and a {@code clean} that needs no {@code PRAGMA foreign_keys} switching. See {@code docs/flyway.md}.
 *
 * <p>The driver is not a compile dependency: it is named by class name only.
 */
package dev.libsqljpa.flyway;
