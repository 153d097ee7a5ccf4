package dev.libsqljpa.hrana.archfixture;

import dev.libsqljpa.jdbc.archfixture.JdbcApiFixture;
import java.sql.SQLException;

/** Deliberately bad: the protocol layer throwing SQLException and calling the JDBC layer. */
public final class HranaUsingUpperLayers {

    private HranaUsingUpperLayers() {}

    public static void fail() throws SQLException {
        JdbcApiFixture.touch();
        throw new SQLException("the protocol layer must not speak java.sql");
    }
}
