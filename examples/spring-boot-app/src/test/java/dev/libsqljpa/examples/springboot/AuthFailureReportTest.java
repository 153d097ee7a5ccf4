package dev.libsqljpa.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.libsqljpa.testkit.LibsqlTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A wrong or missing token at start-up is reported as what it is. Hibernate turns the driver's
 * 28000 into a warning and fails with "Unable to determine Dialect without JDBC metadata"; the
 * starter's failure analyzer replaces that with the authentication failure, never printing the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthFailureReportTest {

    private static final String SERVER_TOKEN = "the-right-token";
    private static final String WRONG_TOKEN = "a-wrong-token-4711";

    private static LibsqlTestServer server;

    @BeforeAll
    static void start() {
        server = LibsqlTestServer.builder().authToken(SERVER_TOKEN).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Throwable run(String... args) {
        return catchThrowable(() -> new SpringApplicationBuilder(SpringBootExampleApplication.class).run(args));
    }

    @Test
    void wrongTokenIsReportedAsRefusedToken(CapturedOutput output) {
        Throwable failure = run(
                "--spring.datasource.url=jdbc:libsql:" + server.url(), "--spring.datasource.password=" + WRONG_TOKEN);

        assertThat(failure)
                .describedAs("what Hibernate throws")
                .hasStackTraceContaining("Unable to determine Dialect without JDBC metadata");
        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("refused the auth token (HTTP 401/403, SQLState 28000)")
                .contains("the token came from spring.datasource.password")
                .contains("libsql.auth-token")
                .contains("LIBSQL_AUTH_TOKEN")
                .doesNotContain(WRONG_TOKEN)
                .doesNotContain(SERVER_TOKEN);
        assertThat(output.getErr()).doesNotContain(WRONG_TOKEN);
    }

    @Test
    void missingTokenIsReportedAsMissing(CapturedOutput output) {
        Throwable failure = run("--spring.datasource.url=jdbc:libsql:" + server.url());

        assertThat(failure).hasStackTraceContaining("Unable to determine Dialect without JDBC metadata");
        assertThat(output.getOut())
                .contains("refused the auth token (HTTP 401/403, SQLState 28000)")
                .contains("no token was configured");
    }

    @Test
    void unreachableServerIsNotCalledAnAuthFailure(CapturedOutput output) {
        Throwable failure = run(
                "--spring.datasource.url=jdbc:libsql:http://127.0.0.1:9",
                "--spring.datasource.password=" + WRONG_TOKEN);

        assertThat(failure).hasStackTraceContaining("Unable to determine Dialect without JDBC metadata");
        assertThat(output.getOut()).doesNotContain("refused the auth token").doesNotContain(WRONG_TOKEN);
    }
}
