package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hibernate.LibsqlDialect;
import dev.libsqljpa.hibernate.SessionFactories;
import dev.libsqljpa.jdbc.LibsqlDataSource;
import dev.libsqljpa.testing.blog.BlogVersion;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema tool waits for a database that is not reachable yet, but not for one that answered and
 * refused: a wrong token fails the deploy at the first probe, not after the whole wait timeout.
 */
class ReadinessRefusalTest {

    private static final String TOKEN = "the-right-token-4711";
    private static final String WRONG = "a-wrong-token-0815";

    @TempDir
    Path dir;

    private LibsqlTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aRejectedTokenFailsTheDeployAtOnceWithoutRetriesAndWithoutTheToken() {
        Map<String, Object> settings = settingsWithTheWrongToken();
        // The set-up for an application that may start before its database: a data source that connects
        // on demand (as application-server data sources do) and a boot that reads no metadata, so the
        // schema tool's readiness wait is the first contact with the server.
        LibsqlDataSource dataSource = new LibsqlDataSource("jdbc:libsql:http://127.0.0.1:" + server.port());
        dataSource.setPassword(WRONG);
        settings.put("hibernate.connection.datasource", dataSource);
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");

        assertThatThrownBy(() -> SessionFactories.build(settings, BlogVersion.V1.entityArray())
                        .close())
                .satisfies(e -> {
                    assertThat(stackTrace(e))
                            .contains("refused the schema tool's first query")
                            .contains("not retried");
                    assertNoWaitAndNoToken(e);
                    SchemaManagementException refused = causeOf(e, SchemaManagementException.class);
                    assertThat((Object) refused).isNotNull();
                    // The log line and the message show the cause chain: the server's refusal once, not
                    // once for every time the driver wrapped it.
                    assertThat(refused.getMessage())
                            .as(refused.getMessage())
                            .containsOnlyOnce("refused the credentials");
                    assertRefusedCredentials(e);
                });
        assertOneRefusedRequestAndNothingRan();
    }

    @Test
    void withMetadataAccessTheBootItselfFailsAtOnceOnTheRefusedToken() {
        Map<String, Object> settings = settingsWithTheWrongToken();

        assertThatThrownBy(() -> SessionFactories.build(settings, BlogVersion.V1.entityArray())
                        .close())
                .satisfies(e -> {
                    assertThat(stackTrace(e)).contains("refused the credentials");
                    assertNoWaitAndNoToken(e);
                    assertThat((Object) causeOf(e, SchemaManagementException.class))
                            .describedAs("the schema tool never started")
                            .isNull();
                    assertRefusedCredentials(e);
                });
        assertOneRefusedRequestAndNothingRan();
    }

    private static void assertNoWaitAndNoToken(Throwable e) {
        assertThat(stackTrace(e))
                .doesNotContain("did not answer within")
                .doesNotContain(WRONG)
                .doesNotContain(TOKEN);
    }

    private void assertOneRefusedRequestAndNothingRan() {
        assertThat(server.counters().statementsExecuted())
                .describedAs("nothing ran")
                .isZero();
        assertThat(server.counters().httpRequests())
                .describedAs("one refused request, no retry")
                .isEqualTo(1);
    }

    private Map<String, Object> settingsWithTheWrongToken() {
        server = LibsqlTestServer.builder()
                .port(0)
                .databaseFile(dir.resolve("auth.db"))
                .authToken(TOKEN)
                .start();
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.connection.url", "jdbc:libsql:http://127.0.0.1:" + server.port());
        settings.put("hibernate.connection.password", WRONG);
        settings.put("hibernate.dialect", LibsqlDialect.class.getName());
        settings.put("hibernate.hbm2ddl.auto", "update");
        settings.put("hibernate.connection.pool_size", "2");
        // Long enough that a retried refusal would end in the deadline message instead.
        settings.put(SchemaSettings.WAIT_TIMEOUT, "60s");
        return settings;
    }

    private static void assertRefusedCredentials(Throwable e) {
        SQLException refusal = causeOf(e, SQLInvalidAuthorizationSpecException.class);
        assertThat((Object) refusal).isNotNull();
        assertThat(refusal.getSQLState()).isEqualTo("28000");
    }

    @Test
    void onlyAnswersThatWaitingCannotChangeStopTheWait() {
        assertThat(DatabaseReadiness.isAnswerNotToWaitFor(new SQLInvalidAuthorizationSpecException("no", "28000")))
                .isTrue();
        assertThat(DatabaseReadiness.isAnswerNotToWaitFor(new SQLSyntaxErrorException("no such function", "42000")))
                .isTrue();
        assertThat(DatabaseReadiness.isAnswerNotToWaitFor(
                        new RuntimeException("pool", new SQLException("unsupported", "0A000"))))
                .describedAs("found in the cause chain")
                .isTrue();
        assertThat(DatabaseReadiness.isAnswerNotToWaitFor(new SQLNonTransientConnectionException("refused", "08001")))
                .describedAs("connection refused: the database may still come")
                .isFalse();
        assertThat(DatabaseReadiness.isAnswerNotToWaitFor(new SQLNonTransientConnectionException("HTTP 503", "08006")))
                .isFalse();
        assertThat(DatabaseReadiness.isAnswerNotToWaitFor(new SQLTimeoutException("slow", "HYT00")))
                .isFalse();
        assertThat(DatabaseReadiness.isAnswerNotToWaitFor(new SQLException("no state")))
                .isFalse();
    }

    @Test
    void theDescriptionShowsAMessageThatAWrapperQuotesOnce() {
        SQLException transport = new SQLException("The server refused the credentials (HTTP 401)");
        SQLException driver = new SQLInvalidAuthorizationSpecException(
                "connecting failed: " + transport.getMessage(), "28000", transport);
        SchemaManagementException tool =
                new SchemaManagementException("refused the first query: " + DatabaseReadiness.describe(driver), driver);

        assertThat(DatabaseReadiness.describe(driver))
                .isEqualTo("SQLInvalidAuthorizationSpecException: connecting failed: The server refused the"
                        + " credentials (HTTP 401)");
        assertThat(DatabaseReadiness.describe(tool))
                .isEqualTo("SchemaManagementException: " + tool.getMessage())
                .containsOnlyOnce("refused the credentials");
        assertThat(DatabaseReadiness.describe(new RuntimeException("pool exhausted", new SQLException("HTTP 503"))))
                .describedAs("a cause with text of its own is still shown")
                .isEqualTo("RuntimeException: pool exhausted <- SQLException: HTTP 503");
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
