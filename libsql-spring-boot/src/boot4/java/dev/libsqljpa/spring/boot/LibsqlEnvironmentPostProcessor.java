package dev.libsqljpa.spring.boot;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Gives a {@code spring.datasource.url} starting with {@code jdbc:libsql:} the defaults of {@link
 * LibsqlDefaults}: Boot's driver detection only knows the databases it lists, so without a driver
 * class it fails with "Failed to determine a suitable driver class". Other URLs are left alone.
 * Runs after the application's configuration files are loaded (Spring Boot 4 line: the interface
 * is org.springframework.boot.EnvironmentPostProcessor).
 */
public final class LibsqlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        LibsqlDefaults.addTo(environment, false);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
