package dev.libsqljpa.jdbc.archfixture;

/** A harmless public-JDBC-layer class. */
public final class JdbcApiFixture {

    private JdbcApiFixture() {}

    public static int touch() {
        return 1;
    }
}
