package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.internal.protocol.ConnectionSettings;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad URLs fail with 08001 naming the problem, and no URL form echoes a token. */
class LibsqlUrlErrorsTest {
    private static final String TOKEN = "tok3n-in-the-url";

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perClass();

    private static String everything(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static SQLException connectFails(String url) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> driver.connect(url, new Properties()));
            assertThat((Object) e)
                    .describedAs("connect(%s) must fail", ConnectionSettings.redactUrl(url))
                    .isNotNull();
            return e;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:libsql://localhost:8080;authToken=" + TOKEN + "?tls=0 | ';' parameters after the host",
                "jdbc:libsql:http://localhost:8080;authToken=" + TOKEN + "   | ';' parameters after the host",
                "jdbc:libsql:http://localhost:8080/db#authToken=" + TOKEN + "| must not have a fragment",
                "jdbc:libsql:http://localhost:8080#authToken=" + TOKEN + "   | must not have a fragment",
                "jdbc:libsql:http://user:" + TOKEN + "@localhost:8080        | credentials must not appear",
                "jdbc:libsql://" + TOKEN + "@localhost:8080?tls=0            | credentials must not appear",
                "jdbc:libsql:http://localhost:" + TOKEN + "                  | is not a number",
                "jdbc:libsql:http://localhost:8080?authToken=" + TOKEN + "   | must not appear in the URL",
                "jdbc:libsql:ftp://" + TOKEN + "@localhost                   | expected jdbc:libsql://host",
            })
    void urlFormsNeverEchoTheToken(String url, String expected) throws SQLException {
        SQLException e = connectFails(url);
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains(expected);
        assertThat(everything(e)).describedAs("message, causes and stack trace").doesNotContain(TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:libsql:http://localhost:-1    | the port '-1' of host 'localhost' is not a number between 1 and 65535",
                "jdbc:libsql:http://localhost:abc   | the port 'abc' of host 'localhost' is not a number between 1 and 65535",
                "jdbc:libsql:http://localhost:99999 | the port 99999 of host 'localhost' is out of range (1 to 65535)",
                "jdbc:libsql:http://localhost:0     | the port 0 of host 'localhost' is out of range (1 to 65535)",
                "jdbc:libsql://localhost:?tls=0     | has ':' but no port number after the host 'localhost'",
                "jdbc:libsql:http://:8080           | the URL has no host name",
            })
    void badPortsAndHostsNameTheProblem(String url, String expected) throws SQLException {
        SQLException e = connectFails(url);
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains(expected).doesNotContain("may have processed");
    }

    @Test
    void upperCaseSchemeIsTheSameScheme(LibsqlTestServer server) throws SQLException {
        String url = "jdbc:libsql:" + server.url().replace("http://", "HTTP://");
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection c = driver.connect(url, new Properties());
                Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT 1").next()).isTrue();
        }
    }

    @Test
    void tlsAgainstAPlainHttpServerFailsFastWith08001NamingTheFix(LibsqlTestServer server) throws SQLException {
        String url = "jdbc:libsql://127.0.0.1:" + server.port(); // TLS by default; the testkit speaks plain HTTP
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "20");
        long start = System.nanoTime();
        SQLException e;
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            e = catchThrowableOfType(SQLException.class, () -> driver.connect(url, properties));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat((Object) e).isNotNull();
        assertThat(e.getSQLState()).describedAs(e.getMessage()).isEqualTo("08001");
        assertThat(e.getMessage())
                .contains("TLS handshake")
                .contains("plain HTTP")
                .contains("?tls=0")
                .contains("jdbc:libsql:http://127.0.0.1:" + server.port());
        assertThat(elapsed).describedAs("not the whole 20 s connect timeout").isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void dataSourceToStringRedactsEveryUrlForm() {
        for (String url : new String[] {
            "jdbc:libsql:http://user:" + TOKEN + "@localhost:8080",
            "jdbc:libsql:http://localhost:8080;authToken=" + TOKEN,
            "jdbc:libsql:http://localhost:8080#" + TOKEN,
            "jdbc:libsql:http://localhost:8080?authToken=" + TOKEN,
            "jdbc:libsql:http://localhost/p;jwt=" + TOKEN
        }) {
            LibsqlDataSource ds = new LibsqlDataSource(url);
            assertThat(ds.toString())
                    .describedAs("toString of a DataSource for a URL with the token")
                    .doesNotContain(TOKEN)
                    .contains("localhost");
        }
        assertThat(new LibsqlDataSource("jdbc:libsql:http://user:" + TOKEN + "@localhost:8080/db?x=1").toString())
                .isEqualTo("LibsqlDataSource[url=jdbc:libsql:http://<redacted>@localhost:8080/db…]");
    }

    @Test
    void redactUrlKeepsSchemeHostPortAndPath() {
        assertThat(ConnectionSettings.redactUrl("jdbc:libsql://db-org.turso.io/a/b"))
                .isEqualTo("jdbc:libsql://db-org.turso.io/a/b");
        assertThat(ConnectionSettings.redactUrl("jdbc:libsql://h:1;a=b/c")).isEqualTo("jdbc:libsql://h:1…");
        assertThat(ConnectionSettings.redactUrl("jdbc:libsql://h/c#x?y")).isEqualTo("jdbc:libsql://h/c…");
        assertThat(ConnectionSettings.redactUrl("jdbc:libsql:u:p@h")).isEqualTo("jdbc:libsql:<redacted>@h");
        assertThat(ConnectionSettings.redactUrl(null)).isEqualTo("null");
    }
}
