/**
 * The test server's implementation, not API: the HTTP surface ({@code HttpFront}), the server state
 * with namespaces, streams, signed batons, idle expiry and the write-lock timeout ({@code ServerCore}),
 * pipeline and statement execution on sqlite-jdbc, and the translation of SQLite errors into sqld's
 * in-band error codes and messages.
 */
package dev.libsqljpa.testkit.internal;
