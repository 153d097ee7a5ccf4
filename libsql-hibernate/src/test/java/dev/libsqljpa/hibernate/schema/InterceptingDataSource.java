package dev.libsqljpa.hibernate.schema;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Test fixture at the JDBC boundary: a DataSource over {@link SchemaDb} that calls a hook before each
 * statement is executed or added to a batch. The hook plays "another instance" (it changes the schema
 * through its own connection just before our statement runs) or a server answering with a given error.
 */
final class InterceptingDataSource implements DataSource {

    /** Called with the SQL text before it is executed or batched; may throw to fail that statement. */
    interface Hook {
        void before(String sql) throws SQLException;
    }

    private final SchemaDb db;
    private final Hook hook;

    InterceptingDataSource(SchemaDb db, Hook hook) {
        this.db = db;
        this.hook = hook;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(db.connect());
    }

    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = call(real, method, args);
                    if (result instanceof Statement statement
                            && method.getName().equals("createStatement")) {
                        return statement(statement);
                    }
                    return result;
                });
    }

    private Statement statement(Statement real) {
        return (Statement) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("execute") || name.equals("addBatch") || name.equals("executeUpdate"))
                            && args != null
                            && args.length == 1
                            && args[0] instanceof String sql) {
                        hook.before(sql);
                    }
                    return call(real, method, args);
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(DriverManager.getConnection(db.jdbcUrl(), username, password));
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("getParentLogger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
