package dev.libsqljpa.flyway.archfixture;

import dev.libsqljpa.hrana.archfixture.HranaFixture;
import dev.libsqljpa.jdbc.internal.archfixture.InternalFixture;

/** Deliberately bad: an integration module (Flyway, Liquibase, Spring Boot) using internals and sleeping. */
public final class FlywayUsingInternals {

    private FlywayUsingInternals() {}

    public static int fail() {
        return InternalFixture.touch() + HranaFixture.touch();
    }

    public static void sleeps() throws InterruptedException {
        Thread.sleep(1);
    }
}
