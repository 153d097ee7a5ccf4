/**
 * Liquibase on libSQL: a database found by URL or product name (a service in
 * {@code META-INF/services/liquibase.database.Database}), plain {@code ALTER TABLE … ADD} where SQLite
 * allows it, and Liquibase's SQLite table rebuild made safe for the tables that reference the rebuilt
 * one ({@code SafeRebuild}, run by {@code LibsqlExecutor}). See {@code docs/liquibase.md}.
 *
 * <p>The driver is not a compile dependency: it is named by class name only.
 */
package dev.libsqljpa.liquibase;
