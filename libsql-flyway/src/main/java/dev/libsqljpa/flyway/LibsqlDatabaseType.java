package dev.libsqljpa.flyway;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.sqlite.SQLiteDatabaseType;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;

/**
 * Flyway database type for libSQL / Turso: URLs {@code jdbc:libsql:…} and connections whose
 * {@code DatabaseMetaData.getDatabaseProductName()} is {@code libSQL} (what libsql-jdbc reports).
 * Registered as a Flyway plugin in {@code META-INF/services/org.flywaydb.core.extensibility.Plugin},
 * so putting this jar on the class path is all the configuration needed.
 *
 * <p>SQL parsing, the null type and read-only transactions are Flyway's SQLite behaviour (libSQL
 * speaks SQLite's SQL). What differs is in {@link LibsqlFlywayDatabase}: the schema history table
 * is protected by a lock row that works over HTTP, and {@code clean} does not rely on
 * connection-level {@code PRAGMA}s or multi-statement strings, which do not survive HTTP.
 */
public class LibsqlDatabaseType extends SQLiteDatabaseType {

    /** The product name libsql-jdbc reports. */
    public static final String PRODUCT_NAME = "libSQL";

    /** The libsql-jdbc driver class, loaded by Flyway when it is given a URL instead of a DataSource. */
    public static final String DRIVER_CLASS = "dev.libsqljpa.jdbc.LibsqlDriver";

    @Override
    public String getName() {
        return PRODUCT_NAME;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return url.startsWith("jdbc:libsql:");
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return DRIVER_CLASS;
    }

    @Override
    public boolean handlesDatabaseProductNameAndVersion(
            String databaseProductName, String databaseProductVersion, Connection connection) {
        // Flyway passes the product name with the major.minor version appended ("libSQL 3.51").
        return databaseProductName.equals(PRODUCT_NAME) || databaseProductName.startsWith(PRODUCT_NAME + " ");
    }

    @Override
    public Database createDatabase(
            Configuration configuration,
            JdbcConnectionFactory jdbcConnectionFactory,
            StatementInterceptor statementInterceptor) {
        return new LibsqlFlywayDatabase(configuration, jdbcConnectionFactory, statementInterceptor);
    }
}
