/**
 * JUnit 5 support: {@link dev.libsqljpa.testkit.junit.LibsqlServerExtension} runs a test server on a
 * free port per test class or per method and injects it; {@link
 * dev.libsqljpa.testkit.junit.LibsqlServerSettings} configures it when registered with
 * {@code @ExtendWith}.
 */
package dev.libsqljpa.testkit.junit;
