/**
 * The blog example's application: entry point, the target database (embedded test server or
 * {@code LIBSQL_URL}), the default run, the v1 to v5 replay and the printed report.
 */
package dev.libsqljpa.examples.blog.app;
