package dev.libsqljpa.liquibase;

import liquibase.database.DatabaseConnection;
import liquibase.database.core.SQLiteDatabase;
import liquibase.exception.DatabaseException;

/**
 * Liquibase database for libSQL / Turso: connections whose product name is {@code libSQL} (what
 * libsql-jdbc reports) and URLs {@code jdbc:libsql:…}. Everything else is Liquibase's SQLite
 * support (types, SQL generation, no schemas, so no {@code prepareCall}), except adding columns
 * ({@link LibsqlAddColumnGenerator}) and table rebuilds ({@link SafeRebuild}, {@link LibsqlExecutor}).
 * Registered in {@code META-INF/services/liquibase.database.Database}.
 */
public class LibsqlDatabase extends SQLiteDatabase {

    /** The product name libsql-jdbc reports. */
    public static final String PRODUCT_NAME = "libSQL";

    /** The driver for {@code jdbc:libsql:} URLs, named here only (the driver is not a compile dependency). */
    public static final String DRIVER_CLASS = "dev.libsqljpa.jdbc.LibsqlDriver";

    @Override
    public String getShortName() {
        return "libsql";
    }

    @Override
    protected String getDefaultDatabaseProductName() {
        return PRODUCT_NAME;
    }

    @Override
    public boolean isCorrectDatabaseImplementation(DatabaseConnection connection) throws DatabaseException {
        return PRODUCT_NAME.equals(connection.getDatabaseProductName());
    }

    @Override
    public String getDefaultDriver(String url) {
        return url != null && url.startsWith("jdbc:libsql:") ? DRIVER_CLASS : null;
    }

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }
}
