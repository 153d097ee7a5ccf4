package dev.libsqljpa.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on libSQL. Its only database settings are {@code spring.datasource.url}
 * and the token ({@code LIBSQL_AUTH_TOKEN} in the environment or {@code libsql.auth-token}); the
 * starter supplies the driver class, the pool and Hibernate defaults, and the dialect is detected.
 */
@SpringBootApplication
public class SpringBootExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringBootExampleApplication.class, args);
    }
}
