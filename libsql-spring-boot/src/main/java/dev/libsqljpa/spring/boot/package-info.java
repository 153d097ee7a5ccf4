/**
 * The Spring Boot starter: defaults for a {@code jdbc:libsql:} data source (driver class, token
 * indirection, pool keepalive off, JDBC batching on), added by an environment post-processor that
 * exists once per Boot line ({@code src/boot3}, {@code src/boot4}), and a failure analyzer that
 * explains a refused token without printing it. See {@code docs/spring-boot.md}.
 */
package dev.libsqljpa.spring.boot;
