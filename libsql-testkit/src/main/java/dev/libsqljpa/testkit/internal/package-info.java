/**
 * The test server's implementation, not API: the HTTP surface ({@code HttpFront}), the server state
 * with namespaces, streams, signed batons, idle expiry and the write-lock timeout ({@code ServerCore}),
 * the server direction of the Hrana JSON ({@code ServerJson}: decodes requests, encodes answers,
 * cursor lines and error bodies, over libsql-hrana's shared value codec), pipeline and statement
 * execution on sqlite-jdbc, and the translation of SQLite errors into sqld's
 * in-band error codes and messages.
 */
package dev.libsqljpa.testkit.internal;
