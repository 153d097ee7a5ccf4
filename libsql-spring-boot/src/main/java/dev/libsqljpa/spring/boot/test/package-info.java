/**
 * Test support: {@link dev.libsqljpa.spring.boot.test.LibsqlTestDatabase} runs a Spring test context on
 * an embedded libsql-testkit server, handed to Boot as its JDBC connection details (one class per Boot
 * line). libsql-testkit is needed on the test class path only when a test uses the annotation.
 */
package dev.libsqljpa.spring.boot.test;
