package dev.libsqljpa.hibernate.archfixture;

import dev.libsqljpa.jdbc.archfixture.JdbcApiFixture;

/** Allowed: Hibernate code using the public JDBC package. */
public final class HibernateUsingPublicJdbc {

    private HibernateUsingPublicJdbc() {}

    public static int use() {
        return JdbcApiFixture.touch();
    }
}
