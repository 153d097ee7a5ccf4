package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.jdbc.LibsqlConnection;
import dev.libsqljpa.jdbc.LibsqlProperty;
import dev.libsqljpa.jdbc.internal.metadata.LibsqlDatabaseMetaData;
import dev.libsqljpa.jdbc.internal.protocol.ConnectionSettings;
import dev.libsqljpa.jdbc.internal.protocol.Session;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import dev.libsqljpa.jdbc.internal.types.LibsqlBlob;
import dev.libsqljpa.jdbc.internal.types.LibsqlClob;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDBC connection to a libSQL server over Hrana/HTTP. It holds at most one Hrana stream, and
 * only while a transaction is open (see {@link Session} for the round trips). Thread-safe:
 * calls are serialised. {@code toString} shows the URL without its query, never the token.
 */
public final class LibsqlConnectionImpl implements LibsqlConnection {
    private final Session session;
    private final ConnectionSettings settings;
    private final String url;
    private final String user;
    private final Set<LibsqlStatement> statements =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicInteger savepointIds = new AtomicInteger();
    private final Properties clientInfo = new Properties();
    private volatile boolean readOnly;
    private volatile int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
    private volatile int networkTimeoutMillis;
    private Map<String, Class<?>> typeMap = new HashMap<>();

    LibsqlConnectionImpl(Session session, ConnectionSettings settings) {
        this.session = session;
        this.settings = settings;
        this.url = settings.url();
        this.user = settings.user();
    }

    public Session session() {
        return session;
    }

    ConnectionSettings settings() {
        return settings;
    }

    /** The server family this connection talks to (full or minimal). */
    public ServerKind serverKind() {
        return session.serverKind();
    }

    void checkOpen() throws SQLException {
        if (session.isClosed()) {
            throw SqlExceptions.connectionClosed();
        }
    }

    /** The time allowed for one request: the smallest of query and network timeout, else the default. */
    Duration requestTimeout(int queryTimeoutSeconds) {
        long millis = 0;
        if (queryTimeoutSeconds > 0) {
            millis = queryTimeoutSeconds * 1000L;
        }
        int network = networkTimeoutMillis;
        if (network > 0 && (millis == 0 || network < millis)) {
            millis = network;
        }
        return millis > 0 ? Duration.ofMillis(millis) : settings.seconds(LibsqlProperty.REQUEST_TIMEOUT);
    }

    void register(LibsqlStatement statement) {
        statements.add(statement);
    }

    void unregister(LibsqlStatement statement) {
        statements.remove(statement);
    }

    // ---------------------------------------------------------------- statements

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement(resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        LibsqlStatement statement = new LibsqlStatement(
                this, checkType(resultSetType), checkConcurrency(resultSetConcurrency), resultSetHoldability);
        register(statement);
        return statement;
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareStatement(sql, resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        checkOpen();
        LibsqlPreparedStatement statement = new LibsqlPreparedStatement(
                this,
                sql,
                checkType(resultSetType),
                checkConcurrency(resultSetConcurrency),
                resultSetHoldability,
                null);
        register(statement);
        return statement;
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        LibsqlPreparedStatement statement = new LibsqlPreparedStatement(
                this,
                sql,
                ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY,
                holdability,
                autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? new String[0] : null);
        register(statement);
        return statement;
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        LibsqlPreparedStatement statement = new LibsqlPreparedStatement(
                this,
                sql,
                ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY,
                holdability,
                columnNames == null ? new String[0] : columnNames.clone());
        register(statement);
        return statement;
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw SqlExceptions.notSupported(Connection.class, "prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        throw SqlExceptions.notSupported(Connection.class, "prepareCall");
    }

    @Override
    public CallableStatement prepareCall(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        throw SqlExceptions.notSupported(Connection.class, "prepareCall");
    }

    private int checkType(int resultSetType) {
        if (resultSetType == ResultSet.TYPE_SCROLL_SENSITIVE) {
            session.addWarning(new SQLWarning(
                    "TYPE_SCROLL_SENSITIVE is not supported; using "
                            + "TYPE_SCROLL_INSENSITIVE (results are fully read)",
                    "01000"));
            return ResultSet.TYPE_SCROLL_INSENSITIVE;
        }
        return resultSetType;
    }

    private int checkConcurrency(int concurrency) {
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            session.addWarning(
                    new SQLWarning("updatable result sets are not supported; using CONCUR_READ_ONLY", "01000"));
        }
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            session.checkUsable();
            session.setAutoCommit(autoCommit, requestTimeout(0));
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return session.autoCommit();
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            if (session.autoCommit()) {
                throw SqlExceptions.invalidTransactionState("commit() is not allowed in autocommit mode");
            }
            session.commit(requestTimeout(0));
        }
    }

    @Override
    public void beginBatchDeferral() throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            session.beginBatchDeferral();
        }
    }

    @Override
    public void endBatchDeferral() throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            session.endBatchDeferral(requestTimeout(0));
        }
    }

    @Override
    public boolean isBatchDeferral() throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            return session.batchDeferral();
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            if (session.autoCommit()) {
                throw SqlExceptions.invalidTransactionState("rollback() is not allowed in autocommit mode");
            }
            session.rollback(requestTimeout(0));
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        int id = savepointIds.incrementAndGet();
        return savepoint(id, "libsql_sp_" + id);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null || name.isEmpty()) {
            throw SqlExceptions.badValue("setSavepoint: the name must not be empty");
        }
        return savepoint(null, name);
    }

    private Savepoint savepoint(Integer id, String name) throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            session.checkUsable();
            if (session.autoCommit()) {
                throw SqlExceptions.invalidTransactionState(
                        "savepoints need a transaction: call setAutoCommit(false) first");
            }
            LibsqlSavepoint savepoint = new LibsqlSavepoint(id, name, this);
            // Sent as a statement together with the next request (no round trip of its own).
            session.queue(Stmt.of("SAVEPOINT " + savepoint.quotedName(), List.of(), false));
            return savepoint;
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        LibsqlSavepoint own = own(savepoint);
        queueSavepointStatement("ROLLBACK TO SAVEPOINT " + own.quotedName());
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        LibsqlSavepoint own = own(savepoint);
        queueSavepointStatement("RELEASE SAVEPOINT " + own.quotedName());
    }

    private void queueSavepointStatement(String sql) throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            session.checkUsable();
            if (session.autoCommit()) {
                throw SqlExceptions.invalidTransactionState("no transaction is open (autocommit mode)");
            }
            session.queue(Stmt.of(sql, List.of(), false));
        }
    }

    private LibsqlSavepoint own(Savepoint savepoint) throws SQLException {
        checkOpen();
        if (!(savepoint instanceof LibsqlSavepoint) || ((LibsqlSavepoint) savepoint).owner() != this) {
            throw SqlExceptions.noSuchSavepoint("the savepoint does not belong to this connection");
        }
        return (LibsqlSavepoint) savepoint;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != TRANSACTION_SERIALIZABLE) {
            session.addWarning(new SQLWarning(
                    "libSQL transactions are always SERIALIZABLE; isolation level " + level
                            + " was mapped to TRANSACTION_SERIALIZABLE",
                    "01000"));
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_SERIALIZABLE;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        try (var held = session.hold()) {
            session.readOnly(readOnly);
        }
        this.readOnly = readOnly;
    }

    /**
     * A hint: writes are not blocked. In manual-commit mode, queries run before the transaction's first
     * write each run on their own (no BEGIN), so a transaction that only reads costs no commit request.
     */
    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw SqlExceptions.badOption("invalid holdability " + holdability);
        }
        this.holdability = holdability;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return holdability;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void close() throws SQLException {
        if (session.isClosed()) {
            return;
        }
        SQLException failure = null;
        List<LibsqlStatement> open;
        synchronized (statements) {
            open = new ArrayList<>(statements);
        }
        for (LibsqlStatement statement : open) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try (var held = session.hold()) {
            session.close();
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isClosed() {
        return session.isClosed();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw SqlExceptions.badOption("isValid: the timeout must not be negative");
        }
        if (session.isClosed()) {
            return false;
        }
        try (var held = session.hold()) {
            Duration limit = timeout == 0 ? requestTimeout(0) : Duration.ofSeconds(timeout);
            return session.isValid(limit);
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw SqlExceptions.nullArgument("abort: the executor must not be null");
        }
        if (session.isClosed()) {
            return;
        }
        session.cancel();
        executor.execute(() -> {
            try {
                close();
            } catch (SQLException e) {
                session.addWarning(new SQLWarning("abort: closing failed: " + e.getMessage(), e.getSQLState(), e));
            }
        });
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw SqlExceptions.badOption("setNetworkTimeout: the timeout must not be negative");
        }
        networkTimeoutMillis = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeoutMillis;
    }

    // ---------------------------------------------------------------- metadata and misc

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new LibsqlDatabaseMetaData(this, url, user, session.endpoint());
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return session.warnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        session.clearWarnings();
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return typeMap;
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        typeMap = map == null ? new HashMap<>() : map;
    }

    @Override
    public Clob createClob() throws SQLException {
        checkOpen();
        return new LibsqlClob("");
    }

    @Override
    public Blob createBlob() throws SQLException {
        checkOpen();
        return new LibsqlBlob(new byte[0]);
    }

    @Override
    public NClob createNClob() throws SQLException {
        checkOpen();
        return new LibsqlClob("");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw SqlExceptions.notSupported(Connection.class, "createSQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw SqlExceptions.notSupported(Connection.class, "createArrayOf");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw SqlExceptions.notSupported(Connection.class, "createStruct");
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (session.isClosed()) {
            throw SqlExceptions.clientInfoOnClosedConnection();
        }
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (session.isClosed()) {
            throw SqlExceptions.clientInfoOnClosedConnection();
        }
        clientInfo.clear();
        if (properties != null) {
            clientInfo.putAll(properties);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return SqlExceptions.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "LibsqlConnection[" + ConnectionSettings.redactUrl(url) + ", " + session + "]";
    }
}
