/**
 * Values: binding Java objects to Hrana values ({@code Binder}), reading Hrana values back as the Java
 * types JDBC getters promise ({@code Values}), SQLite's declared-type affinities ({@code SqliteTypes}),
 * the text formats of dates, times and decimals ({@code Temporals}), and {@code Blob}/{@code Clob}.
 * Uses only {@code sql}.
 */
package dev.libsqljpa.jdbc.internal.types;
