package dev.libsqljpa.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LibsqlAuthenticationFailureAnalyzerTest {

    private static final String TOKEN = "analyzer-test-token";

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
        LibsqlDefaults.addTo(environment, false);
        return environment;
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException(
                "Error creating bean with name 'entityManagerFactory'",
                new RuntimeException("schema update failed", cause));
    }

    @Test
    void authFailureInTheChainIsReportedWithItsSource() {
        StandardEnvironment env = environment(
                Map.of("spring.datasource.url", "jdbc:libsql://db.example.turso.io", "libsql.auth-token", TOKEN));
        RuntimeException failure = wrapped(new SQLInvalidAuthorizationSpecException(
                "execute failed: The server refused the credentials (HTTP 401)", "28000"));

        FailureAnalysis analysis = new LibsqlAuthenticationFailureAnalyzer(env).analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("jdbc:libsql://db.example.turso.io refused the auth token (HTTP 401/403, SQLState 28000)")
                .contains("the token came from libsql.auth-token or the environment variable LIBSQL_AUTH_TOKEN")
                .contains("HTTP 401")
                .doesNotContain(TOKEN);
        assertThat(analysis.getAction())
                .contains("libsql.auth-token", "spring.datasource.password", "LIBSQL_AUTH_TOKEN")
                .doesNotContain(TOKEN);
        assertThat(analysis.getCause()).isSameAs(failure);
    }

    @Test
    void passwordSetByTheApplicationIsNamed() {
        StandardEnvironment env = environment(Map.of(
                "spring.datasource.url", "jdbc:libsql://db.example.turso.io", "spring.datasource.password", TOKEN));

        FailureAnalysis analysis = new LibsqlAuthenticationFailureAnalyzer(env)
                .analyze(wrapped(new SQLInvalidAuthorizationSpecException("refused (HTTP 403)", "28000")));

        assertThat(analysis.getDescription())
                .contains("the token came from spring.datasource.password")
                .doesNotContain(TOKEN);
    }

    @Test
    void otherFailuresAreLeftToBoot() {
        StandardEnvironment env = environment(Map.of("spring.datasource.url", "jdbc:libsql://db.example.turso.io"));
        LibsqlAuthenticationFailureAnalyzer analyzer = new LibsqlAuthenticationFailureAnalyzer(env);

        assertThat(analyzer.analyze(wrapped(new SQLException("connect failed", "08001"))))
                .isNull();
        assertThat(analyzer.analyze(new IllegalStateException("no such bean"))).isNull();
    }

    @Test
    void dialectFailureWithoutLibsqlUrlSendsNothingAndIsLeftToBoot() {
        StandardEnvironment env = environment(Map.of("spring.datasource.url", "jdbc:postgresql://localhost/db"));

        FailureAnalysis analysis = new LibsqlAuthenticationFailureAnalyzer(env)
                .analyze(
                        new IllegalStateException(
                                "Unable to determine Dialect without JDBC metadata (please set 'jakarta.persistence.jdbc.url' ...)"));

        assertThat(analysis).isNull();
    }
}
