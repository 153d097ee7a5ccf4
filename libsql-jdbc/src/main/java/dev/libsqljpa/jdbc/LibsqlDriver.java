package dev.libsqljpa.jdbc;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The libSQL JDBC driver, registered with {@link DriverManager} once when the class loads (listed
 * in {@code META-INF/services/java.sql.Driver}). All behaviour is in
 * {@link NonRegisteringLibsqlDriver}.
 */
public final class LibsqlDriver extends NonRegisteringLibsqlDriver {
    static {
        try {
            DriverManager.registerDriver(new LibsqlDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
