/**
 * HTTP transport for Hrana: one shared JDK {@link java.net.http.HttpClient} per configuration,
 * bearer authentication, timeouts, status and body handling, and detection of the server family
 * (full: sqld, Turso Cloud, libsql-testkit; minimal: {@code tursodb --sync-server}).
 */
package dev.libsqljpa.hrana.http;
