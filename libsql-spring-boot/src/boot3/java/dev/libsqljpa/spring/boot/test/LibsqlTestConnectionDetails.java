package dev.libsqljpa.spring.boot.test;

import dev.libsqljpa.spring.boot.LibsqlDefaults;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;

/**
 * The test server's connection as Boot's {@link JdbcConnectionDetails} (Spring Boot 3 line): with
 * this bean present Boot builds the data source from it instead of {@code spring.datasource.*},
 * the way {@code @ServiceConnection} does for containers. The token, if any, is never printed.
 */
final class LibsqlTestConnectionDetails implements JdbcConnectionDetails {

    private final String jdbcUrl;
    private final String token;

    LibsqlTestConnectionDetails(String jdbcUrl, String token) {
        this.jdbcUrl = jdbcUrl;
        this.token = token;
    }

    @Override
    public String getUsername() {
        return null;
    }

    @Override
    public String getPassword() {
        return token;
    }

    @Override
    public String getJdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String getDriverClassName() {
        return LibsqlDefaults.DRIVER_CLASS_NAME;
    }

    @Override
    public String toString() {
        return "LibsqlTestConnectionDetails[" + jdbcUrl + "]";
    }
}
