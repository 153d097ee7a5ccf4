package dev.libsqljpa.jdbc.archfixture;

import dev.libsqljpa.hibernate.archfixture.HibernateFixture;
import dev.libsqljpa.testkit.archfixture.TestkitFixture;

/** Deliberately bad: the driver calling Hibernate code and the test server. */
public final class JdbcUsingUpperLayers {

    private JdbcUsingUpperLayers() {}

    public static int fail() {
        return HibernateFixture.touch() + TestkitFixture.touch();
    }
}
