/**
 * Real {@code tursodb --sync-server} processes for tests: {@link
 * dev.libsqljpa.testkit.tursodb.TursoDbServer} starts one from the binary the build installs from npm
 * and waits for it by polling with a deadline; {@link dev.libsqljpa.testkit.tursodb.TursoDbExtension}
 * does that for JUnit 5. See {@code docs/servers.md}.
 */
package dev.libsqljpa.testkit.tursodb;
