/**
 * Metadata: {@code DatabaseMetaData} answered from SQLite's catalog and pragmas with one query per
 * catalog method ({@code MetadataSql}), result-set and parameter metadata, the driver and server
 * version strings ({@code MetadataDriverInfo}, {@code ServerVersionCache}: {@code sqlite_version()}
 * from the endpoint's server detection, else read once per endpoint). Uses {@code types} and the
 * driver's public API types.
 */
package dev.libsqljpa.jdbc.internal.metadata;
