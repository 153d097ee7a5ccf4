package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens never appear in messages, stack traces or toString; auth failures map to 28000. */
class LibsqlSecretsTest {
    private static final String TOKEN = "s3cr3t-t0ken-value";
    private static final String WRONG = "wr0ng-t0ken-value";

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perClass().configure(b -> b.authToken(TOKEN));

    private static String everything(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void tokenWithTrailingNewlineFailsWith08001WithoutEchoingIt(LibsqlTestServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            Properties properties = new Properties();
            properties.setProperty("authToken", TOKEN + "\n");
            SQLException e = catchThrowableOfType(
                    SQLException.class, () -> driver.connect("jdbc:libsql:" + server.url(), properties));
            assertThat((Object) e)
                    .describedAs("a checked SQLException, not an unchecked one")
                    .isNotNull();
            assertThat(e.getSQLState()).isEqualTo("08001");
            assertThat(e.getMessage()).contains("control character");
            assertThat(everything(e)).doesNotContain(TOKEN);
        }
    }

    private interface Connect {
        void open(Properties properties) throws SQLException;
    }

    /** Connects with the wrong token: 28000, and neither token anywhere in the trace. */
    private static SQLInvalidAuthorizationSpecException refusedWithTheWrongToken(Connect connect) {
        Properties properties = new Properties();
        properties.setProperty("authToken", WRONG);
        SQLInvalidAuthorizationSpecException e =
                catchThrowableOfType(SQLInvalidAuthorizationSpecException.class, () -> connect.open(properties));
        assertThat((Object) e).isNotNull();
        assertThat(e.getSQLState()).isEqualTo("28000");
        assertThat(everything(e)).doesNotContain(WRONG).doesNotContain(TOKEN);
        return e;
    }

    @Test
    void wrongTokenFailsWith28000AndNoSecretAnywhere(LibsqlTestServer server) throws SQLException {
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            // Server detection is a pipeline request carrying the token, so connecting already fails.
            SQLInvalidAuthorizationSpecException e =
                    refusedWithTheWrongToken(properties -> driver.connect("jdbc:libsql:" + server.url(), properties));
            assertThat(e.getMessage()).contains("HTTP 401");
        }
    }

    @Test
    void wrongTokenAtConnectIsOneSqlExceptionCausedByOneHranaException(LibsqlTestServer server) {
        SQLInvalidAuthorizationSpecException e = refusedWithTheWrongToken(
                properties -> DriverManager.getConnection("jdbc:libsql:" + server.url(), properties));

        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = e; c != null && chain.size() < 10; c = c.getCause()) {
            chain.add(c);
        }
        assertThat(chain).as(chain.toString()).hasSize(2);
        assertThat(chain.get(1)).isInstanceOf(HranaException.class);
        String refusal = chain.get(1).getMessage();
        assertThat(refusal).contains("refused the credentials");
        assertThat(e.getMessage()).endsWith(refusal).containsOnlyOnce("refused the credentials");
    }

    @Test
    void rightTokenWorksViaPasswordAndNothingLeaks(LibsqlTestServer server) throws SQLException {
        LibsqlDataSource dataSource = new LibsqlDataSource("jdbc:libsql:" + server.url());
        try (Connection c = dataSource.getConnection("app", TOKEN);
                Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT 1").next()).isTrue();
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
            assertThat(everything(e)).doesNotContain(TOKEN);
            assertThat(c.toString()).doesNotContain(TOKEN);
            assertThat(s.toString()).doesNotContain(TOKEN);
        } finally {
            dataSource.close();
        }
        dataSource.setAuthToken(TOKEN);
        assertThat(dataSource.toString()).doesNotContain(TOKEN);
    }
}
