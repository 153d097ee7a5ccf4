/**
 * The public API of the libSQL JDBC driver: {@link dev.libsqljpa.jdbc.LibsqlDriver} (registers with
 * {@code DriverManager}), {@link dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver} (for servers and pools
 * that instantiate drivers), {@link dev.libsqljpa.jdbc.LibsqlDataSource}, every connection property in
 * {@link dev.libsqljpa.jdbc.LibsqlProperty}, and the connection extensions reached through
 * {@code unwrap(dev.libsqljpa.jdbc.LibsqlConnection.class)}. Everything else in the driver is internal.
 *
 * <p>URLs, properties, SQLStates and round trips: {@code docs/jdbc.md}.
 */
package dev.libsqljpa.jdbc;
