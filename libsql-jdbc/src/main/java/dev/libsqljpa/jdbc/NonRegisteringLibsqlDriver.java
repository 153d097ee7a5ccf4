package dev.libsqljpa.jdbc;

import dev.libsqljpa.jdbc.internal.Connector;
import dev.libsqljpa.jdbc.internal.protocol.ConnectionSettings;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The libSQL JDBC driver without {@link java.sql.DriverManager} registration (for application
 * servers, pools and tests that instantiate drivers themselves). Accepts
 * {@code jdbc:libsql://host[:port][/path]} (HTTPS), {@code …?tls=0} (HTTP) and
 * {@code jdbc:libsql:http(s)://…}; returns null for other URLs.
 *
 * <p>Each instance shares one HTTP client per distinct transport configuration among all its
 * connections; {@link #close()} releases them. Thread-safe.
 */
public class NonRegisteringLibsqlDriver implements Driver, AutoCloseable {

    /**
     * The product name in {@link java.sql.DatabaseMetaData#getDatabaseProductName()}: {@value}. Hibernate picks
     * the libSQL dialect by it.
     */
    public static final String PRODUCT_NAME = "libSQL";

    private final Connector connector = new Connector();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        return connector.connect(ConnectionSettings.parse(url, info));
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConnectionSettings.acceptsUrl(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Properties merged = new Properties();
        if (acceptsURL(url)) {
            merged.putAll(ConnectionSettings.parse(url, info, name -> null).publicProperties());
        } else if (info != null) {
            merged.putAll(info);
        }
        LibsqlProperty[] properties = LibsqlProperty.values();
        DriverPropertyInfo[] result = new DriverPropertyInfo[properties.length];
        for (int i = 0; i < properties.length; i++) {
            LibsqlProperty property = properties[i];
            String value = property.isSecret() ? null : property.get(merged);
            DriverPropertyInfo propertyInfo = new DriverPropertyInfo(property.propertyName(), value);
            propertyInfo.description = property.description();
            propertyInfo.required = false;
            String[] choices = property.choices();
            propertyInfo.choices = choices.length == 0 ? null : choices;
            result[i] = propertyInfo;
        }
        return result;
    }

    @Override
    public int getMajorVersion() {
        return Connector.versionNumbers()[0];
    }

    @Override
    public int getMinorVersion() {
        return Connector.versionNumbers()[1];
    }

    /** The full driver version, e.g. {@code 0.1.0}. */
    public static String version() {
        return Connector.version();
    }

    /** False: SQLite does not meet SQL-92 Entry Level in every respect. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("dev.libsqljpa.jdbc");
    }

    /** Releases the shared HTTP clients; connections opened by this driver stop working. */
    @Override
    public void close() {
        connector.close();
    }
}
