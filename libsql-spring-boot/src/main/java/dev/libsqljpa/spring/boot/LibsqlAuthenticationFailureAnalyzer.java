package dev.libsqljpa.spring.boot;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Reports a start-up failure caused by the libSQL server refusing the auth token (HTTP 401/403,
 * SQLState {@code 28000}) as exactly that, naming the settings the token comes from and which of
 * them was in effect, never the token itself.
 *
 * <p>Two shapes are recognised. The authentication error is somewhere in the cause chain (the
 * schema tool, a repository call at start-up, the pool). Or Hibernate hid it: when its dialect
 * detection cannot read the JDBC metadata it logs the {@code SQLException} as a warning and fails
 * with "Unable to determine Dialect without JDBC metadata". In that case, and only when {@code
 * spring.datasource.url} is a libSQL URL, the analyzer sends one {@code SELECT 1} with the same
 * URL and token to learn the reason; a start-up that succeeds never pays for it.
 */
public final class LibsqlAuthenticationFailureAnalyzer implements FailureAnalyzer {

    static final String AUTH_SQL_STATE = "28000";
    static final String DIALECT_WITHOUT_METADATA = "Unable to determine Dialect without JDBC metadata";
    static final String ENV_TOKEN = "LIBSQL_AUTH_TOKEN";

    private final Environment environment;

    /** Boot passes the application's environment (failure analyzers are created by Boot). */
    public LibsqlAuthenticationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException auth = findAuthFailure(failure);
        if (auth == null && mentions(failure, DIALECT_WITHOUT_METADATA)) {
            auth = probe();
        }
        if (auth == null) {
            return null;
        }
        return new FailureAnalysis(description(auth), action(), failure);
    }

    private static SQLException findAuthFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && AUTH_SQL_STATE.equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }

    private static boolean mentions(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** One request with the application's URL and token; returns the 28000 failure, if that is what it gets. */
    private SQLException probe() {
        String url = environment.getProperty(LibsqlDefaults.URL);
        if (!LibsqlDefaults.isLibsqlUrl(url)) {
            return null;
        }
        Properties info = new Properties();
        String password = environment.getProperty(LibsqlDefaults.PASSWORD);
        if (password != null) {
            info.setProperty("password", password);
        }
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection connection = driver.connect(url, info);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            return findAuthFailure(e);
        }
    }

    private String description(SQLException auth) {
        String url = environment.getProperty(LibsqlDefaults.URL);
        return "The libSQL server" + (url == null ? "" : " at " + url)
                + " refused the auth token (HTTP 401/403, SQLState 28000): " + tokenSource() + ".\n"
                + "Driver message: " + auth.getMessage();
    }

    /** Which setting the token came from, without its value. */
    String tokenSource() {
        PropertySource<?> password = sourceOf(LibsqlDefaults.PASSWORD);
        if (password != null && !LibsqlDefaults.PROPERTY_SOURCE_NAME.equals(password.getName())) {
            return "the token came from spring.datasource.password";
        }
        if (environment.containsProperty(LibsqlDefaults.AUTH_TOKEN_PROPERTY)) {
            return "the token came from " + LibsqlDefaults.AUTH_TOKEN_PROPERTY + " or the environment variable "
                    + ENV_TOKEN;
        }
        return "no token was configured (none of " + LibsqlDefaults.AUTH_TOKEN_PROPERTY
                + ", spring.datasource.password, " + ENV_TOKEN + " is set)";
    }

    private PropertySource<?> sourceOf(String property) {
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source.containsProperty(property)) {
                    return source;
                }
            }
        }
        return null;
    }

    private static String action() {
        return "Give the database's token in one of: the property " + LibsqlDefaults.AUTH_TOKEN_PROPERTY
                + ", the property spring.datasource.password (it wins over " + LibsqlDefaults.AUTH_TOKEN_PROPERTY
                + "), or the environment variable " + ENV_TOKEN
                + ". Check that it belongs to this database and has not expired or been revoked"
                + " (Turso: turso db tokens create <db>). Never put it in the URL.";
    }
}
