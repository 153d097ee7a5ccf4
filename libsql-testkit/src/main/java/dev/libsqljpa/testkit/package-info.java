/**
 * libsql-testkit's API: {@link dev.libsqljpa.testkit.LibsqlTestServer}, an in-JVM server that speaks
 * Hrana over HTTP on real SQLite and behaves like sqld as a client sees it, with request counters
 * ({@link dev.libsqljpa.testkit.ServerCounters}) for exact round-trip assertions, a controllable clock
 * ({@link dev.libsqljpa.testkit.ManualClock}) for expiry tests, and the {@code java -jar} entry point
 * {@link dev.libsqljpa.testkit.LibsqlTestServerMain}. See {@code docs/testkit.md}.
 */
package dev.libsqljpa.testkit;
