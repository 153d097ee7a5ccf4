package dev.libsqljpa.jdbc.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** Builds the connection's {@link DatabaseMetaData} (LibsqlDatabaseMetaData, written separately). */
final class MetaDataFactory {
    private static final String CLASS_NAME = "dev.libsqljpa.jdbc.internal.LibsqlDatabaseMetaData";

    private MetaDataFactory() {}

    static DatabaseMetaData create(Connection connection, String url, String user) throws SQLException {
        Class<?> type;
        try {
            type = Class.forName(CLASS_NAME, true, MetaDataFactory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SQLFeatureNotSupportedException("Connection.getMetaData is not available in this build", "0A000", e);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(Connection.class, String.class, String.class);
            constructor.setAccessible(true);
            return (DatabaseMetaData) constructor.newInstance(connection, url, user);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException) {
                throw (SQLException) e.getCause();
            }
            throw new SQLException("creating the database metadata failed: " + e.getCause(), "HY000", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLException("creating the database metadata failed: " + e, "HY000", e);
        }
    }
}
