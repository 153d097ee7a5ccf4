/**
 * The Spring Boot example, built against Boot 3.5 ({@code examples/spring-boot3}) and Boot 4.0
 * ({@code examples/spring-boot4}) from this one source tree: a {@code Book} entity with
 * application-generated ids, a Spring Data repository and a transactional service. The starter
 * supplies everything database-specific except the URL and the token.
 */
package dev.libsqljpa.examples.springboot;
