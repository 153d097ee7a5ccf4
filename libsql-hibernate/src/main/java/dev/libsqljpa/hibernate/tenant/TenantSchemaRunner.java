package dev.libsqljpa.hibernate.tenant;

import dev.libsqljpa.hibernate.schema.LibsqlSchemaManagementTool;
import dev.libsqljpa.hibernate.schema.SchemaReport;
import dev.libsqljpa.hibernate.schema.SchemaReportListener;
import dev.libsqljpa.hibernate.schema.SchemaSettings;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.boot.Metadata;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.tool.schema.SourceType;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.internal.ExceptionHandlerLoggedImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExceptionHandler;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptSourceInput;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.SourceDescriptor;
import org.hibernate.tool.schema.spi.TargetDescriptor;

/**
 * Runs one schema action of the libSQL schema tool against one tenant's connection, from the session
 * factory's mapping (the {@link Metadata} handed to {@link TenantSchemaIntegrator}). Each run gets its own
 * tool instance, so the readiness wait happens per tenant database. The session factory's settings apply
 * (wait timeout, batching, column drops, {@code halt_on_error}, a report listener); its own schema-action
 * settings are ignored. Uses only APIs present unchanged on Hibernate 6.6 and 7.x.
 */
final class TenantSchemaRunner {

    /** The actions a tenant can run on first use or in a fleet migration. */
    enum Action {
        NONE,
        CREATE,
        UPDATE,
        VALIDATE;

        static Action parse(Object value) {
            if (value == null) {
                return NONE;
            }
            String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "", "none" -> NONE;
                case "create" -> CREATE;
                case "update" -> UPDATE;
                case "validate" -> VALIDATE;
                default ->
                    throw new IllegalArgumentException("Setting " + TenantSettings.SCHEMA_ACTION
                            + " must be none, create, update or validate; got [" + value + "]");
            };
        }
    }

    private static final String HALT_ON_ERROR = "hibernate.hbm2ddl.halt_on_error";
    private static final String PROVIDED_CONNECTION = "jakarta.persistence.schema-generation-connection";

    private final Metadata metadata;
    private final SessionFactoryImplementor sessionFactory;

    TenantSchemaRunner(Metadata metadata, SessionFactoryImplementor sessionFactory) {
        this.metadata = metadata;
        this.sessionFactory = sessionFactory;
    }

    /**
     * Suspends the caller's JTA transaction, if there is one (a tenant's first use inside a container-managed
     * transaction): the schema runs on its own auto-commit connection, not enlisted in the caller's work.
     *
     * @return the suspended transaction for {@link #resume}, or null
     */
    Transaction suspendTransaction() throws SQLException {
        TransactionManager manager = transactionManager();
        if (manager == null) {
            return null;
        }
        try {
            return manager.getTransaction() == null ? null : manager.suspend();
        } catch (SystemException e) {
            throw new SQLException(
                    "cannot suspend the JTA transaction for the tenant's schema run: " + e.getMessage(), "HY000", e);
        }
    }

    void resume(Transaction suspended) throws SQLException {
        if (suspended == null) {
            return;
        }
        try {
            transactionManager().resume(suspended);
        } catch (InvalidTransactionException | SystemException | IllegalStateException e) {
            throw new SQLException(
                    "cannot resume the JTA transaction after the tenant's schema run: " + e.getMessage(), "HY000", e);
        }
    }

    private TransactionManager transactionManager() {
        JtaPlatform platform = sessionFactory.getServiceRegistry().getService(JtaPlatform.class);
        return platform == null ? null : platform.retrieveTransactionManager();
    }

    /**
     * Runs {@code action} on {@code connection} (auto-commit; not closed here) and returns its report.
     *
     * @param databaseName shown in the readiness error (a URL without credentials, or a JNDI name)
     * @throws TenantSchemaException the tool's failure (naming the statement), with the report so far
     */
    SchemaReport run(Action action, Connection connection, String databaseName) {
        Map<String, Object> settings = new HashMap<>();
        for (Map.Entry<String, Object> e : sessionFactory.getProperties().entrySet()) {
            String key = e.getKey();
            if (!key.contains("schema-generation")
                    && !key.startsWith("hibernate.hbm2ddl.auto")
                    && !key.startsWith("hibernate.hbm2ddl.scripts")
                    && e.getValue() != null) {
                settings.put(key, e.getValue());
            }
        }
        AtomicReference<SchemaReport> report = new AtomicReference<>();
        Object userListener = settings.get(SchemaSettings.REPORT_LISTENER);
        settings.put(SchemaSettings.REPORT_LISTENER, (SchemaReportListener) r -> {
            report.set(r);
            if (userListener instanceof SchemaReportListener listener) {
                listener.onReport(r);
            }
        });
        settings.put(PROVIDED_CONNECTION, connection);
        settings.put("hibernate.connection.url", databaseName);
        settings.remove("jakarta.persistence.jdbc.url");
        settings.remove("javax.persistence.jdbc.url");

        Object halt = settings.get(HALT_ON_ERROR);
        ExceptionHandler handler =
                halt != null && "false".equalsIgnoreCase(String.valueOf(halt).trim())
                        ? ExceptionHandlerLoggedImpl.INSTANCE
                        : ExceptionHandlerHaltImpl.INSTANCE;
        ExecutionOptions options = SchemaManagementToolCoordinator.buildExecutionOptions(settings, handler);

        LibsqlSchemaManagementTool tool = new LibsqlSchemaManagementTool();
        tool.injectServices(sessionFactory.getServiceRegistry());
        try {
            execute(tool, action, settings, options);
        } catch (RuntimeException e) {
            throw new TenantSchemaException(e.getMessage(), report.get(), e);
        }
        return report.get();
    }

    private void execute(
            LibsqlSchemaManagementTool tool, Action action, Map<String, Object> settings, ExecutionOptions options) {
        switch (action) {
            case CREATE ->
                tool.getSchemaCreator(settings)
                        .doCreation(metadata, options, ContributableMatcher.ALL, FROM_METADATA, TO_DATABASE);
            case UPDATE ->
                tool.getSchemaMigrator(settings).doMigration(metadata, options, ContributableMatcher.ALL, TO_DATABASE);
            case VALIDATE ->
                tool.getSchemaValidator(settings).doValidation(metadata, options, ContributableMatcher.ALL);
            case NONE -> {}
        }
    }

    private static final SourceDescriptor FROM_METADATA = new SourceDescriptor() {
        @Override
        public SourceType getSourceType() {
            return SourceType.METADATA;
        }

        @Override
        public ScriptSourceInput getScriptSourceInput() {
            return null;
        }
    };

    private static final TargetDescriptor TO_DATABASE = new TargetDescriptor() {
        @Override
        public EnumSet<TargetType> getTargetTypes() {
            return EnumSet.of(TargetType.DATABASE);
        }

        @Override
        public ScriptTargetOutput getScriptTargetOutput() {
            return null;
        }
    };
}
