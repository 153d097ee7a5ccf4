package dev.libsqljpa.hibernate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.registry.selector.spi.StrategySelector;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.resource.transaction.spi.DdlTransactionIsolator;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.DefaultSchemaFilterProvider;
import org.hibernate.tool.schema.internal.HibernateSchemaManagementTool;
import org.hibernate.tool.schema.internal.exec.JdbcConnectionAccessProvidedConnectionImpl;
import org.hibernate.tool.schema.internal.exec.JdbcContext;
import org.hibernate.tool.schema.spi.CommandAcceptanceException;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.DelayedDropAction;
import org.hibernate.tool.schema.spi.ExceptionHandler;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaCreator;
import org.hibernate.tool.schema.spi.SchemaDropper;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.hibernate.tool.schema.spi.SchemaMigrator;
import org.hibernate.tool.schema.spi.SchemaValidator;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.SourceDescriptor;
import org.hibernate.tool.schema.spi.TargetDescriptor;

/**
 * Schema management for libSQL, the {@link dev.libsqljpa.hibernate.LibsqlDialect}'s fallback tool (so
 * no setting is needed). Compared with Hibernate's own tool it
 * <ul>
 *   <li>waits for the database before the first statement ({@link SchemaSettings#WAIT_TIMEOUT});</li>
 *   <li>tolerates exactly three known-safe outcomes, each only on its own statement and object
 *       ({@link BenignErrors}), and fails the action on anything else, naming the statement and the
 *       server's message, unless {@code hibernate.hbm2ddl.halt_on_error=false} is set explicitly;</li>
 *   <li>runs {@code update} and {@code validate} from one bulk metadata query, adds constant defaults to
 *       NOT NULL columns it adds, drops unmapped columns only when asked
 *       ({@link SchemaSettings#DROP_UNMAPPED_COLUMNS}), and reports every difference on validate;</li>
 *   <li>sends the statements of an action as one batch where possible ({@link SchemaSettings#BATCH});</li>
 *   <li>logs one line per statement (category {@value #LOG_CATEGORY}) and a summary, and hands the
 *       {@link SchemaReport} to a {@link SchemaReportListener} if one is configured.</li>
 * </ul>
 * Create and drop are Hibernate's own creator and dropper, given wrapped execution options (the
 * documented hook); CREATE ... IF NOT EXISTS comes from the dialect. Thread-safe: each action keeps its
 * state in its own {@code SchemaRun}, carried in the action's configuration map.
 */
public class LibsqlSchemaManagementTool extends HibernateSchemaManagementTool {

    private static final long serialVersionUID = 1L;

    /** Log category of all schema lines. */
    public static final String LOG_CATEGORY = "dev.libsqljpa.hibernate.schema";

    @Override
    public SchemaCreator getSchemaCreator(Map<String, Object> options) {
        SchemaCreator delegate = super.getSchemaCreator(options);
        return (metadata, executionOptions, matcher, source, target) -> inRun(
                "create", executionOptions, wrapped -> delegate.doCreation(metadata, wrapped, matcher, source, target));
    }

    @Override
    public SchemaDropper getSchemaDropper(Map<String, Object> options) {
        SchemaDropper delegate = super.getSchemaDropper(options);
        return new SchemaDropper() {
            @Override
            public void doDrop(
                    Metadata metadata,
                    ExecutionOptions executionOptions,
                    ContributableMatcher matcher,
                    SourceDescriptor source,
                    TargetDescriptor target) {
                inRun("drop", executionOptions, wrapped -> delegate.doDrop(metadata, wrapped, matcher, source, target));
            }

            @Override
            public DelayedDropAction buildDelayedAction(
                    Metadata metadata,
                    ExecutionOptions executionOptions,
                    ContributableMatcher matcher,
                    SourceDescriptor source) {
                // Hibernate's delayed drop bypasses the tool's JDBC context; ours replays the drop through it
                // when the SessionFactory closes.
                return registry -> inRun(
                        "delayed-drop",
                        executionOptions,
                        wrapped -> delegate.doDrop(metadata, wrapped, matcher, source, DATABASE_ONLY));
            }
        };
    }

    @Override
    public SchemaMigrator getSchemaMigrator(Map<String, Object> options) {
        LibsqlSchemaMigrator migrator =
                new LibsqlSchemaMigrator(this, filterProvider(options).getMigrateFilter());
        return (metadata, executionOptions, matcher, target) ->
                inRun("update", executionOptions, wrapped -> migrator.doMigration(metadata, wrapped, matcher, target));
    }

    @Override
    public SchemaValidator getSchemaValidator(Map<String, Object> options) {
        LibsqlSchemaMigrator validator =
                new LibsqlSchemaMigrator(this, filterProvider(options).getValidateFilter());
        return (metadata, executionOptions, matcher) ->
                inRun("validate", executionOptions, wrapped -> validator.doValidation(metadata, wrapped, matcher));
    }

    /** Hibernate's context, observed for the current run (readiness, statement log, batching). */
    @Override
    public JdbcContext resolveJdbcContext(Map<String, Object> configurationValues) {
        JdbcContext context = super.resolveJdbcContext(configurationValues);
        SchemaRun run = SchemaRun.from(configurationValues);
        return run == null ? context : new ObservedJdbcContext(context, run);
    }

    @Override
    public DdlTransactionIsolator getDdlTransactionIsolator(JdbcContext jdbcContext) {
        if (jdbcContext instanceof ObservedJdbcContext observed
                && observed.delegateAccess() instanceof JdbcConnectionAccessProvidedConnectionImpl) {
            return new ProvidedConnectionIsolator(jdbcContext);
        }
        return super.getDdlTransactionIsolator(jdbcContext);
    }

    private SchemaFilterProvider filterProvider(Map<String, Object> options) {
        ServiceRegistry registry = getServiceRegistry();
        return registry.requireService(StrategySelector.class)
                .resolveDefaultableStrategy(
                        SchemaFilterProvider.class,
                        options == null ? null : options.get(AvailableSettings.HBM2DDL_FILTER_PROVIDER),
                        DefaultSchemaFilterProvider.INSTANCE);
    }

    /** Set once the database answered; later actions of this SessionFactory skip the readiness probe. */
    private final transient AtomicBoolean databaseAnswered = new AtomicBoolean();

    private void inRun(String action, ExecutionOptions options, Consumer<ExecutionOptions> body) {
        Map<String, Object> settings = new HashMap<>(options.getConfigurationValues());
        SchemaRun run = new SchemaRun(action, settings, databaseAnswered);
        settings.put(SchemaSettings.RUN, run);
        ExceptionHandler original = options.getExceptionHandler();
        ExecutionOptions wrapped = new ExecutionOptions() {
            @Override
            public Map<String, Object> getConfigurationValues() {
                return settings;
            }

            @Override
            public boolean shouldManageNamespaces() {
                return options.shouldManageNamespaces();
            }

            @Override
            public ExceptionHandler getExceptionHandler() {
                return exception -> handle(run, original, exception);
            }
        };
        Throwable failure = null;
        try {
            body.accept(wrapped);
            run.rethrowPendingFailure();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            run.finish(failure);
        }
    }

    /**
     * The rule for statements Hibernate's creator and dropper executed themselves: benign outcomes are
     * logged and dropped, anything else fails the action (or goes to Hibernate's handler when
     * {@code halt_on_error=false}).
     */
    private static void handle(SchemaRun run, ExceptionHandler original, CommandAcceptanceException exception) {
        for (Throwable t = exception.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ObservedJdbcContext.ObservedFailure failure) {
                run.statementFailed(failure.sql(), (SQLException) failure.getCause());
                return;
            }
        }
        if (run.haltOnError) {
            run.report.markFailed(exception.getMessage());
            throw exception;
        }
        original.handleException(exception);
    }

    private static final TargetDescriptor DATABASE_ONLY = new TargetDescriptor() {
        @Override
        public EnumSet<TargetType> getTargetTypes() {
            return EnumSet.of(TargetType.DATABASE);
        }

        @Override
        public ScriptTargetOutput getScriptTargetOutput() {
            return null;
        }
    };

    /**
     * For a connection the caller provided ({@code jakarta.persistence.schema-generation-connection}):
     * used as it is, never closed here; it must already be in auto-commit mode.
     */
    private static final class ProvidedConnectionIsolator implements DdlTransactionIsolator {
        private final JdbcContext jdbcContext;

        ProvidedConnectionIsolator(JdbcContext jdbcContext) {
            this.jdbcContext = jdbcContext;
        }

        @Override
        public JdbcContext getJdbcContext() {
            return jdbcContext;
        }

        @Override
        public Connection getIsolatedConnection() {
            return getIsolatedConnection(true);
        }

        @Override
        public Connection getIsolatedConnection(boolean autocommit) {
            try {
                Connection connection = jdbcContext.getJdbcConnectionAccess().obtainConnection();
                if (connection.getAutoCommit() != autocommit) {
                    throw new SchemaManagementException(
                            "The connection provided for schema management must be in auto-commit mode");
                }
                return connection;
            } catch (SQLException e) {
                throw new SchemaManagementException(
                        "Could not use the connection provided for schema management: " + e.getMessage(), e);
            }
        }

        @Override
        public void release() {
            try {
                jdbcContext.getJdbcConnectionAccess().releaseConnection(null);
            } catch (SQLException e) {
                throw new SchemaManagementException(
                        "Could not release the connection provided for schema management: " + e.getMessage(), e);
            }
        }
    }
}
