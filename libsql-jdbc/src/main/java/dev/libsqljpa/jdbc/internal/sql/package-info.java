/**
 * SQL text and SQL errors, used by every other driver package: {@code SqlText} classifies statements
 * (query or update, DDL, transaction control, {@code last_insert_rowid()}) without a server round trip;
 * {@code SqlExceptions} builds every {@link java.sql.SQLException} the driver throws, with its SQLState
 * and subclass, from protocol outcomes and argument checks. Depends on nothing else in the driver.
 */
package dev.libsqljpa.jdbc.internal.sql;
