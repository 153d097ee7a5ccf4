package dev.libsqljpa.spring.boot;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * The defaults this starter gives a {@code jdbc:libsql:} data source. They go into one property
 * source named {@value #PROPERTY_SOURCE_NAME} placed last, so every setting of the application
 * (properties file, environment, command line) wins over them.
 *
 * <p>Why each default: docs/spring-boot.md, "Defaults".
 */
public final class LibsqlDefaults {

    /** Name of the property source holding the defaults. */
    public static final String PROPERTY_SOURCE_NAME = "libsqlDefaults";

    /** The URL prefix that marks a libSQL data source. */
    public static final String URL_PREFIX = "jdbc:libsql:";

    /** The driver class Boot's own driver detection cannot know. */
    public static final String DRIVER_CLASS_NAME = "dev.libsqljpa.jdbc.LibsqlDriver";

    /** The starter's own token setting. */
    public static final String AUTH_TOKEN_PROPERTY = "libsql.auth-token";

    /** Rows per JDBC batch when the application sets none. */
    public static final int JDBC_BATCH_SIZE = 50;

    static final String URL = "spring.datasource.url";
    static final String DRIVER = "spring.datasource.driver-class-name";
    static final String PASSWORD = "spring.datasource.password";

    private LibsqlDefaults() {}

    /** Whether {@code url} is a libSQL JDBC URL (case of the prefix ignored, like the driver). */
    public static boolean isLibsqlUrl(String url) {
        return url != null && url.strip().toLowerCase(Locale.ROOT).startsWith(URL_PREFIX);
    }

    /**
     * The defaults for a libSQL data source: driver class, token indirection (only when
     * {@code libsql.auth-token} is set), HikariCP keepalive off, JDBC batching on, sequence ids one per reservation.
     */
    static Map<String, Object> defaults(ConfigurableEnvironment environment) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(DRIVER, DRIVER_CLASS_NAME);
        if (environment.containsProperty(AUTH_TOKEN_PROPERTY)) {
            // A placeholder, not the value: the token is resolved at binding time and never copied.
            defaults.put(PASSWORD, "${" + AUTH_TOKEN_PROPERTY + "}");
        }
        // An idle connection holds nothing on the server; a keepalive isValid() would only cost a request.
        defaults.put("spring.datasource.hikari.keepalive-time", "0");
        defaults.put("spring.jpa.properties.hibernate.jdbc.batch_size", Integer.toString(JDBC_BATCH_SIZE));
        // @GeneratedValue ids reserved one at a time in the transaction that uses them: a pooled range
        // would be reserved on a second connection, or outlive a rolled-back reservation (single writer).
        defaults.put("spring.jpa.properties.hibernate.id.optimizer.pooled.preferred", "none");
        return defaults;
    }

    /**
     * Adds the defaults as the last property source (idempotent: a second call replaces the first).
     * Does nothing unless {@code forceLibsql} or {@code spring.datasource.url} is a libSQL URL.
     *
     * @return whether the defaults were added
     */
    public static boolean addTo(ConfigurableEnvironment environment, boolean forceLibsql) {
        if (!forceLibsql && !isLibsqlUrl(environment.getProperty(URL))) {
            return false;
        }
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, defaults(environment));
        if (sources.contains(PROPERTY_SOURCE_NAME)) {
            sources.replace(PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addLast(source);
        }
        return true;
    }
}
