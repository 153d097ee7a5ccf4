package dev.libsqljpa.jdbc;

import dev.libsqljpa.jdbc.internal.Connector;
import dev.libsqljpa.jdbc.internal.protocol.ConnectionSettings;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for libSQL with a bean property for every {@link LibsqlProperty} plus
 * {@code url} (for {@code @DataSourceDefinition}, {@code -ds.xml} and WildFly datasources).
 * All connections share one HTTP client per configuration; {@link #close()} releases it.
 * {@code getConnection(user, password)} uses the password as the auth token. Thread-safe;
 * {@code toString} never shows the token.
 */
public class LibsqlDataSource implements DataSource, AutoCloseable {
    private final Connector connector = new Connector();
    private final Properties properties = new Properties();
    private volatile String url;
    private volatile int loginTimeout;
    private volatile PrintWriter logWriter;

    public LibsqlDataSource() {}

    public LibsqlDataSource(String url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(username, password);
    }

    private Connection connect(String username, String password) throws SQLException {
        if (url == null) {
            throw SqlExceptions.cannotConnect("LibsqlDataSource: the url property is not set");
        }
        Properties info;
        synchronized (properties) {
            info = (Properties) properties.clone();
        }
        if (username != null) {
            info.setProperty(LibsqlProperty.USER.propertyName(), username);
        }
        if (password != null) {
            info.setProperty(LibsqlProperty.PASSWORD.propertyName(), password);
        }
        if (loginTimeout > 0 && info.getProperty(LibsqlProperty.CONNECT_TIMEOUT.propertyName()) == null) {
            info.setProperty(LibsqlProperty.CONNECT_TIMEOUT.propertyName(), Integer.toString(loginTimeout));
        }
        return connector.connect(ConnectionSettings.parse(url, info));
    }

    private void put(LibsqlProperty property, String value) {
        synchronized (properties) {
            if (value == null) {
                properties.remove(property.propertyName());
            } else {
                properties.setProperty(property.propertyName(), value);
            }
        }
    }

    private String get(LibsqlProperty property) {
        synchronized (properties) {
            return property.get(properties);
        }
    }

    private boolean getBoolean(LibsqlProperty property) {
        synchronized (properties) {
            return property.booleanValue(properties).orElse(false);
        }
    }

    private int getInt(LibsqlProperty property) {
        return Integer.parseInt(get(property).trim());
    }

    /** Sets a property by its {@link LibsqlProperty#propertyName() name}. */
    public void setProperty(String name, String value) throws SQLException {
        LibsqlProperty property = LibsqlProperty.forName(name);
        if (property == null) {
            throw SqlExceptions.badValue("unknown libSQL property '" + name + "'");
        }
        put(property, value);
    }

    public String getUrl() {
        return url;
    }

    /** {@code jdbc:libsql://host[:port][/path]} (see docs/jdbc.md). */
    public void setUrl(String url) {
        this.url = url;
    }

    /** Alias of {@link #setUrl} for tools that use {@code URL}. */
    public void setURL(String url) {
        setUrl(url);
    }

    public String getURL() {
        return url;
    }

    /** Not readable: returns null when set (secrets stay write-only). */
    public String getAuthToken() {
        return null;
    }

    public void setAuthToken(String authToken) {
        put(LibsqlProperty.AUTH_TOKEN, authToken);
    }

    public String getUser() {
        return get(LibsqlProperty.USER);
    }

    public void setUser(String user) {
        put(LibsqlProperty.USER, user);
    }

    /** Not readable: returns null (secrets stay write-only). */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        put(LibsqlProperty.PASSWORD, password);
    }

    public boolean getTls() {
        return getBoolean(LibsqlProperty.TLS);
    }

    public void setTls(boolean tls) {
        put(LibsqlProperty.TLS, Boolean.toString(tls));
    }

    public boolean getAllowInsecureHttp() {
        return getBoolean(LibsqlProperty.ALLOW_INSECURE_HTTP);
    }

    public void setAllowInsecureHttp(boolean allow) {
        put(LibsqlProperty.ALLOW_INSECURE_HTTP, Boolean.toString(allow));
    }

    public int getConnectTimeout() {
        return getInt(LibsqlProperty.CONNECT_TIMEOUT);
    }

    public void setConnectTimeout(int seconds) {
        put(LibsqlProperty.CONNECT_TIMEOUT, Integer.toString(seconds));
    }

    public int getConnectWait() {
        return getInt(LibsqlProperty.CONNECT_WAIT);
    }

    public void setConnectWait(int seconds) {
        put(LibsqlProperty.CONNECT_WAIT, Integer.toString(seconds));
    }

    public int getRequestTimeout() {
        return getInt(LibsqlProperty.REQUEST_TIMEOUT);
    }

    public void setRequestTimeout(int seconds) {
        put(LibsqlProperty.REQUEST_TIMEOUT, Integer.toString(seconds));
    }

    public boolean getForeignKeys() {
        return getBoolean(LibsqlProperty.FOREIGN_KEYS);
    }

    public void setForeignKeys(boolean foreignKeys) {
        put(LibsqlProperty.FOREIGN_KEYS, Boolean.toString(foreignKeys));
    }

    public String getTransactionMode() {
        return get(LibsqlProperty.TRANSACTION_MODE);
    }

    public void setTransactionMode(String mode) {
        put(LibsqlProperty.TRANSACTION_MODE, mode);
    }

    public int getSharedConnectionLockTimeout() {
        return getInt(LibsqlProperty.SHARED_CONNECTION_LOCK_TIMEOUT);
    }

    public void setSharedConnectionLockTimeout(int seconds) {
        put(LibsqlProperty.SHARED_CONNECTION_LOCK_TIMEOUT, Integer.toString(seconds));
    }

    public int getSharedConnectionHoldLimit() {
        return getInt(LibsqlProperty.SHARED_CONNECTION_HOLD_LIMIT);
    }

    public void setSharedConnectionHoldLimit(int seconds) {
        put(LibsqlProperty.SHARED_CONNECTION_HOLD_LIMIT, Integer.toString(seconds));
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("dev.libsqljpa.jdbc");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return SqlExceptions.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** Releases the shared HTTP client; connections from this DataSource stop working. */
    @Override
    public void close() {
        connector.close();
    }

    @Override
    public String toString() {
        return "LibsqlDataSource[url=" + (url == null ? "unset" : ConnectionSettings.redactUrl(url)) + "]";
    }
}
