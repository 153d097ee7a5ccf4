package dev.libsqljpa.hibernate.archfixture;

import dev.libsqljpa.hrana.archfixture.HranaFixture;
import dev.libsqljpa.jdbc.internal.archfixture.InternalFixture;

/** Deliberately bad: Hibernate code skipping the public JDBC API. */
public final class HibernateUsingInternals {

    private HibernateUsingInternals() {}

    public static int fail() {
        return InternalFixture.touch() + HranaFixture.touch();
    }
}
