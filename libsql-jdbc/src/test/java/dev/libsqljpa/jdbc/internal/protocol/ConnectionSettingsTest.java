package dev.libsqljpa.jdbc.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.jdbc.LibsqlProperty;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    private static ConnectionSettings parse(String url, Properties info) throws SQLException {
        return ConnectionSettings.parse(url, info, NO_ENV::get);
    }

    private static Properties props(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void plainFormIsHttpsWithPath() throws SQLException {
        ConnectionSettings settings = parse("jdbc:libsql://db-org.turso.io/some/path/", null);
        assertThat(settings.baseUri()).hasToString("https://db-org.turso.io/some/path");
    }

    @Test
    void tlsZeroSelectsHttpAndNeedsPort() throws SQLException {
        assertThat(parse("jdbc:libsql://localhost:8080?tls=0", null).baseUri()).hasToString("http://localhost:8080");
        assertThatThrownBy(() -> parse("jdbc:libsql://localhost?tls=0", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("explicit port")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }

    @Test
    void explicitSchemesAreAccepted() throws SQLException {
        assertThat(parse("jdbc:libsql:http://127.0.0.1:9000", null).baseUri()).hasToString("http://127.0.0.1:9000");
        assertThat(parse("jdbc:libsql:https://example.com:8443/dev/ns", null).baseUri())
                .hasToString("https://example.com:8443/dev/ns");
        assertThat(parse("jdbc:libsql:http://[::1]:9000", null).baseUri()).hasToString("http://[::1]:9000");
    }

    @Test
    void plainHttpToRemoteHostNeedsExplicitPermission() throws SQLException {
        assertThatThrownBy(() -> parse("jdbc:libsql:http://db.example.com:8080", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("allowInsecureHttp");
        assertThat(parse("jdbc:libsql:http://db.example.com:8080?allowInsecureHttp=true", null)
                        .baseUri())
                .hasToString("http://db.example.com:8080");
        assertThat(parse("jdbc:libsql:http://db.example.com:8080", props("allowInsecureHttp", "true"))
                        .baseUri())
                .hasToString("http://db.example.com:8080");
    }

    @Test
    void tokenInUrlIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> parse("jdbc:libsql://db.turso.io?authToken=s3cr3t-token", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("authToken")
                .hasMessageContaining("must not appear in the URL")
                .hasMessageNotContaining("s3cr3t-token");
        assertThatThrownBy(() -> parse("jdbc:libsql://db.turso.io?password=s3cr3t-token", null))
                .hasMessageNotContaining("s3cr3t-token");
        assertThatThrownBy(() -> parse("jdbc:libsql://user:s3cr3t-token@db.turso.io", null))
                .hasMessageNotContaining("s3cr3t-token");
    }

    @Test
    void tokenComesFromAuthTokenThenPasswordThenEnvironment() throws SQLException {
        Map<String, String> env = Map.of("LIBSQL_AUTH_TOKEN", "from-env");
        String url = "jdbc:libsql://db.turso.io";
        assertThat(ConnectionSettings.parse(url, props("authToken", "a", "password", "p"), env::get)
                        .authToken())
                .isEqualTo("a");
        assertThat(ConnectionSettings.parse(url, props("password", "p"), env::get)
                        .authToken())
                .isEqualTo("p");
        assertThat(ConnectionSettings.parse(url, props(), env::get).authToken()).isEqualTo("from-env");
        assertThat(ConnectionSettings.parse(url, props(), NO_ENV::get).authToken())
                .isNull();
    }

    @Test
    void toStringNeverShowsTheToken() throws SQLException {
        ConnectionSettings settings = parse("jdbc:libsql://db.turso.io", props("authToken", "s3cr3t-token"));
        assertThat(settings.toString()).doesNotContain("s3cr3t-token").contains("<redacted>");
        assertThat(settings.publicProperties().toString()).doesNotContain("s3cr3t-token");
    }

    @Test
    void unknownAndInvalidPropertiesAreRejected() {
        assertThatThrownBy(() -> parse("jdbc:libsql://h.io?nope=1", null))
                .hasMessageContaining("unknown property 'nope'");
        assertThatThrownBy(() -> parse("jdbc:libsql://h.io?connectTimeout=x", null))
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> parse("jdbc:libsql://h.io?transactionMode=lazy", null))
                .hasMessageContaining("DEFERRED, IMMEDIATE, EXCLUSIVE");
        assertThatThrownBy(() -> parse("jdbc:libsql://h.io?foreignKeys=maybe", null))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> parse("jdbc:mysql://h.io", null)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> parse("jdbc:libsql:ftp://h.io", null)).hasMessageContaining("expected jdbc:libsql://");
    }

    @Test
    void propertiesOverrideUrlValuesAndDefaultsApply() throws SQLException {
        ConnectionSettings settings =
                parse("jdbc:libsql://h.io?connectTimeout=3&transactionMode=immediate", props("connectTimeout", "7"));
        assertThat(settings.getInt(LibsqlProperty.CONNECT_TIMEOUT)).isEqualTo(7);
        assertThat(settings.transactionMode()).isEqualTo(ConnectionSettings.TransactionMode.IMMEDIATE);
        assertThat(settings.getBoolean(LibsqlProperty.FOREIGN_KEYS)).isTrue();
        assertThat(settings.getInt(LibsqlProperty.REQUEST_TIMEOUT)).isEqualTo(60);
    }

    @Test
    void loopbackDetection() {
        assertThat(ConnectionSettings.isLoopback("localhost")).isTrue();
        assertThat(ConnectionSettings.isLoopback("127.0.0.1")).isTrue();
        assertThat(ConnectionSettings.isLoopback("127.5.5.5")).isTrue();
        assertThat(ConnectionSettings.isLoopback("[::1]")).isTrue();
        assertThat(ConnectionSettings.isLoopback("10.0.0.1")).isFalse();
        assertThat(ConnectionSettings.isLoopback("localhost.evil.com")).isFalse();
    }
}
