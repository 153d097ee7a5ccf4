package dev.libsqljpa.hibernate.schema;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.jdbc.spi.SqlExceptionHelper;
import org.hibernate.engine.jdbc.spi.SqlStatementLogger;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.tool.schema.internal.exec.JdbcContext;
import org.hibernate.tool.schema.spi.SchemaManagementException;

/**
 * The JDBC context Hibernate's schema tooling gets from {@link LibsqlSchemaManagementTool}: the
 * application's own connection access, plus
 * <ul>
 *   <li>readiness: the first connection of a run is handed out only once the database answered;</li>
 *   <li>observation: each DDL statement Hibernate's creator/dropper executes is recorded as applied,
 *       or (on failure) remembered so that the exception handler can apply the rule to it;</li>
 *   <li>batching: with {@link SchemaSettings#BATCH} on, those statements are collected and sent as one
 *       batch when Hibernate closes its statement (see {@link StatementExecutor}).</li>
 * </ul>
 */
final class ObservedJdbcContext implements JdbcContext {

    private final JdbcContext delegate;
    private final SchemaRun run;
    private final ObservedAccess access;

    ObservedJdbcContext(JdbcContext delegate, SchemaRun run) {
        this.delegate = delegate;
        this.run = run;
        this.access = new ObservedAccess(delegate.getJdbcConnectionAccess(), run);
    }

    JdbcConnectionAccess delegateAccess() {
        return delegate.getJdbcConnectionAccess();
    }

    @Override
    public JdbcConnectionAccess getJdbcConnectionAccess() {
        return access;
    }

    @Override
    public Dialect getDialect() {
        return delegate.getDialect();
    }

    @Override
    public SqlStatementLogger getSqlStatementLogger() {
        return delegate.getSqlStatementLogger();
    }

    @Override
    public SqlExceptionHelper getSqlExceptionHelper() {
        return delegate.getSqlExceptionHelper();
    }

    @Override
    public ServiceRegistry getServiceRegistry() {
        return delegate.getServiceRegistry();
    }

    /** Marker for our proxies, so that the real object can be handed back to the pool. */
    interface Unwrappable {
        Object observedTarget();
    }

    private static final class ObservedAccess implements JdbcConnectionAccess {
        private static final long serialVersionUID = 1L;
        private final transient JdbcConnectionAccess delegate;
        private final transient SchemaRun run;

        ObservedAccess(JdbcConnectionAccess delegate, SchemaRun run) {
            this.delegate = delegate;
            this.run = run;
        }

        @Override
        public Connection obtainConnection() throws SQLException {
            run.awaitReady(delegate);
            Connection real = delegate.obtainConnection();
            return (Connection) Proxy.newProxyInstance(
                    ObservedJdbcContext.class.getClassLoader(),
                    new Class<?>[] {Connection.class, Unwrappable.class},
                    new ConnectionHandler(real, run));
        }

        @Override
        public void releaseConnection(Connection connection) throws SQLException {
            Connection real =
                    connection instanceof Unwrappable observed ? (Connection) observed.observedTarget() : connection;
            delegate.releaseConnection(real);
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return delegate.supportsAggressiveRelease();
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection real;
        private final SchemaRun run;

        ConnectionHandler(Connection real, SchemaRun run) {
            this.real = real;
            this.run = run;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Unwrappable.class) {
                return real;
            }
            if (method.getName().equals("createStatement") && (args == null || args.length == 0)) {
                Statement statement = real.createStatement();
                return Proxy.newProxyInstance(
                        ObservedJdbcContext.class.getClassLoader(),
                        new Class<?>[] {Statement.class, Unwrappable.class},
                        new StatementHandler(real, statement, run));
            }
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && (args == null || args.length == 0)) {
                return System.identityHashCode(proxy);
            }
            return ObservedJdbcContext.invoke(real, method, args);
        }
    }

    /**
     * Hibernate's database target executes each DDL command with {@code execute(String)} on one
     * statement and closes it at the end: that is where commands are recorded, or collected and flushed.
     */
    private static final class StatementHandler implements InvocationHandler {
        private final Connection connection;
        private final Statement real;
        private final SchemaRun run;
        private final List<String> pending = new ArrayList<>();

        StatementHandler(Connection connection, Statement real, SchemaRun run) {
            this.connection = connection;
            this.real = real;
            this.run = run;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == Unwrappable.class) {
                return real;
            }
            if (name.equals("execute") && args != null && args.length == 1 && args[0] instanceof String sql) {
                if (run.batch) {
                    pending.add(sql);
                    return Boolean.FALSE;
                }
                run.statementRan();
                try {
                    real.execute(sql);
                } catch (SQLException e) {
                    throw new ObservedFailure(sql, e);
                }
                run.applied(sql);
                return Boolean.FALSE;
            }
            if (run.batch && (name.equals("getWarnings") || name.equals("clearWarnings")) && !pending.isEmpty()) {
                return null;
            }
            if (name.equals("close")) {
                try {
                    flush();
                } finally {
                    real.close();
                }
                return null;
            }
            if (name.equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && (args == null || args.length == 0)) {
                return System.identityHashCode(proxy);
            }
            flush();
            return ObservedJdbcContext.invoke(real, method, args);
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<String> statements = new ArrayList<>(pending);
            pending.clear();
            try {
                StatementExecutor.execute(connection, statements, run);
            } catch (SchemaManagementException e) {
                // Hibernate swallows exceptions from closing its DDL statement: the tool's wrapper rethrows it.
                run.setPendingFailure(e);
                throw e;
            }
        }
    }

    /**
     * An {@link SQLException} that remembers the statement it came from, so that the exception handler
     * decides on the exact statement that failed.
     */
    static final class ObservedFailure extends SQLException {
        private static final long serialVersionUID = 1L;
        private final transient String sql;

        ObservedFailure(String sql, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.sql = sql;
        }

        String sql() {
            return sql;
        }
    }
}
