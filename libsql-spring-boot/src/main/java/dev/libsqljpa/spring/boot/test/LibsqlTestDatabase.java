package dev.libsqljpa.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the Spring test context on an embedded libSQL test server ({@code libsql-testkit}, which
 * must be on the test class path): the server is started with the context, the application's
 * {@code DataSource} is pointed at it through a {@code JdbcConnectionDetails} bean (so {@code
 * spring.datasource.url} is ignored, as with {@code @ServiceConnection}), the server is a bean of
 * type {@code LibsqlTestServer} (inject it to read its request counters), and it stops when the
 * context closes. Contexts with the same settings share one server through Spring's context cache.
 *
 * <pre>{@code
 * @SpringBootTest
 * @LibsqlTestDatabase
 * class OrderServiceTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface LibsqlTestDatabase {

    /** A token the server requires ({@code Authorization: Bearer}); empty = no authentication. */
    String authToken() default "";
}
