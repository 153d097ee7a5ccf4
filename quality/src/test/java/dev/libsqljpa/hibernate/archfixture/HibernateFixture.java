package dev.libsqljpa.hibernate.archfixture;

/** A harmless Hibernate-layer class. */
public final class HibernateFixture {

    private HibernateFixture() {}

    public static int touch() {
        return 1;
    }
}
