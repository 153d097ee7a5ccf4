package dev.libsqljpa.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.jdbc.LibsqlDriver;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LibsqlDefaultsTest {

    private static final String TOKEN = "defaults-test-token";

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
        return environment;
    }

    @Test
    void libsqlUrlGetsDriverPoolAndBatchDefaults() {
        StandardEnvironment env = environment(Map.of("spring.datasource.url", "jdbc:libsql://db.example.turso.io"));

        assertThat(LibsqlDefaults.addTo(env, false)).isTrue();

        assertThat(env.getProperty("spring.datasource.driver-class-name")).isEqualTo(LibsqlDriver.class.getName());
        assertThat(env.getProperty("spring.datasource.hikari.keepalive-time")).isEqualTo("0");
        assertThat(env.getProperty("spring.jpa.properties.hibernate.jdbc.batch_size"))
                .isEqualTo("50");
        assertThat(env.getProperty("spring.jpa.properties.hibernate.id.optimizer.pooled.preferred"))
                .describedAs("@GeneratedValue ids reserved one at a time, in the transaction")
                .isEqualTo("none");
        assertThat(env.getProperty("spring.datasource.password"))
                .describedAs("no token configured, none invented")
                .isNull();
    }

    @Test
    void otherUrlsAreLeftAlone() {
        StandardEnvironment env = environment(Map.of("spring.datasource.url", "jdbc:postgresql://localhost/db"));

        assertThat(LibsqlDefaults.addTo(env, false)).isFalse();

        assertThat(env.getPropertySources().contains(LibsqlDefaults.PROPERTY_SOURCE_NAME))
                .isFalse();
        assertThat(env.getProperty("spring.datasource.driver-class-name")).isNull();
        assertThat(env.getProperty("spring.jpa.properties.hibernate.jdbc.batch_size"))
                .isNull();
        assertThat(env.getProperty("spring.jpa.properties.hibernate.id.optimizer.pooled.preferred"))
                .isNull();
    }

    @Test
    void applicationSettingsWin() {
        StandardEnvironment env = environment(Map.of(
                "spring.datasource.url",
                "JDBC:LIBSQL:http://127.0.0.1:8080",
                "spring.datasource.hikari.keepalive-time",
                "60000",
                "spring.jpa.properties.hibernate.jdbc.batch_size",
                "7",
                "spring.datasource.password",
                "from-password",
                "libsql.auth-token",
                TOKEN));

        assertThat(LibsqlDefaults.addTo(env, false)).isTrue();

        assertThat(env.getProperty("spring.datasource.hikari.keepalive-time")).isEqualTo("60000");
        assertThat(env.getProperty("spring.jpa.properties.hibernate.jdbc.batch_size"))
                .isEqualTo("7");
        assertThat(env.getProperty("spring.datasource.password")).isEqualTo("from-password");
    }

    @Test
    void authTokenBecomesThePasswordWithoutBeingCopied() {
        StandardEnvironment env = environment(
                Map.of("spring.datasource.url", "jdbc:libsql://db.example.turso.io", "libsql.auth-token", TOKEN));

        LibsqlDefaults.addTo(env, false);

        assertThat(env.getProperty("spring.datasource.password")).isEqualTo(TOKEN);
        Object stored = env.getPropertySources()
                .get(LibsqlDefaults.PROPERTY_SOURCE_NAME)
                .getProperty("spring.datasource.password");
        assertThat(stored)
                .describedAs("the defaults hold a placeholder, not the secret")
                .isEqualTo("${libsql.auth-token}");
        assertThat(env.getPropertySources()
                        .get(LibsqlDefaults.PROPERTY_SOURCE_NAME)
                        .getSource()
                        .toString())
                .doesNotContain(TOKEN);
    }

    @Test
    void addingTwiceKeepsOneSource() {
        StandardEnvironment env = environment(Map.of("spring.datasource.url", "jdbc:libsql://db.example.turso.io"));

        LibsqlDefaults.addTo(env, false);
        LibsqlDefaults.addTo(env, true);

        assertThat(env.getPropertySources().stream()
                        .filter(s -> s.getName().equals(LibsqlDefaults.PROPERTY_SOURCE_NAME)))
                .hasSize(1);
        assertThat(env.getPropertySources().stream()
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .getName())
                .describedAs("the defaults are the last source")
                .isEqualTo(LibsqlDefaults.PROPERTY_SOURCE_NAME);
    }
}
