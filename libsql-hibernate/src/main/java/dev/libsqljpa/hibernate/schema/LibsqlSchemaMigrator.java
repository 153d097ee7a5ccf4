package dev.libsqljpa.hibernate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.boot.model.relational.internal.SqlStringGenerationContextImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.internal.util.config.ConfigurationHelper;
import org.hibernate.resource.transaction.spi.DdlTransactionIsolator;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.exec.JdbcContext;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.hibernate.tool.schema.spi.SchemaMigrator;
import org.hibernate.tool.schema.spi.SchemaValidator;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.TargetDescriptor;
import org.jboss.logging.Logger;

/**
 * {@code update} and {@code validate}: one bulk metadata query, a diff against the mapping, then the
 * statements (one batch when possible) to the database and/or the script target.
 */
final class LibsqlSchemaMigrator implements SchemaMigrator, SchemaValidator {

    private static final Logger LOG = Logger.getLogger(LibsqlSchemaManagementTool.LOG_CATEGORY);

    private final LibsqlSchemaManagementTool tool;
    private final SchemaFilter filter;

    LibsqlSchemaMigrator(LibsqlSchemaManagementTool tool, SchemaFilter filter) {
        this.tool = tool;
        this.filter = filter;
    }

    @Override
    public void doMigration(
            Metadata metadata,
            ExecutionOptions options,
            ContributableMatcher matcher,
            TargetDescriptor targetDescriptor) {
        if (targetDescriptor.getTargetTypes().isEmpty()) {
            return;
        }
        Map<String, Object> settings = options.getConfigurationValues();
        SchemaRun run = SchemaRun.from(settings);
        JdbcContext jdbcContext = tool.resolveJdbcContext(settings);
        DdlTransactionIsolator isolator = tool.getDdlTransactionIsolator(jdbcContext);
        try {
            Connection connection = real(isolator.getIsolatedConnection(true));
            ExistingSchema existing = readSchema(connection, run);
            SchemaDiff diff =
                    new SchemaDiff(metadata, jdbcContext.getDialect(), context(metadata, settings), filter, matcher);
            List<String> statements = diff.updateStatements(existing, run.dropUnmappedColumns);
            if (targetDescriptor.getTargetTypes().contains(TargetType.SCRIPT)) {
                writeScript(targetDescriptor.getScriptTargetOutput(), statements, settings);
            }
            if (targetDescriptor.getTargetTypes().contains(TargetType.STDOUT)) {
                for (String sql : statements) {
                    LOG.info(sql + delimiter(settings));
                }
            }
            if (targetDescriptor.getTargetTypes().contains(TargetType.DATABASE)) {
                StatementExecutor.execute(connection, statements, run);
            }
        } finally {
            isolator.release();
        }
    }

    @Override
    public void doValidation(Metadata metadata, ExecutionOptions options, ContributableMatcher matcher) {
        Map<String, Object> settings = options.getConfigurationValues();
        JdbcContext jdbcContext = tool.resolveJdbcContext(settings);
        DdlTransactionIsolator isolator = tool.getDdlTransactionIsolator(jdbcContext);
        List<String> problems;
        try {
            ExistingSchema existing = readSchema(real(isolator.getIsolatedConnection(true)), SchemaRun.from(settings));
            problems = new SchemaDiff(metadata, jdbcContext.getDialect(), context(metadata, settings), filter, matcher)
                    .validationProblems(existing);
        } finally {
            isolator.release();
        }
        if (!problems.isEmpty()) {
            throw new SchemaManagementException("Schema validation failed: the database differs from the mapping in "
                    + problems.size() + (problems.size() == 1 ? " place" : " places") + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** The schema the readiness probe just read (no second request), else read now. */
    private static ExistingSchema readSchema(Connection connection, SchemaRun run) {
        ExistingSchema probed = run == null ? null : run.takeSchemaReadWhenReady();
        if (probed != null) {
            return probed;
        }
        try {
            return ExistingSchema.read(connection);
        } catch (SQLException e) {
            throw new SchemaManagementException(
                    "libSQL schema: could not read the database schema: " + e.getMessage(), e);
        }
    }

    private SqlStringGenerationContext context(Metadata metadata, Map<String, Object> settings) {
        return SqlStringGenerationContextImpl.fromConfigurationMapForMigration(
                tool.getServiceRegistry().requireService(JdbcEnvironment.class), metadata.getDatabase(), settings);
    }

    private static String delimiter(Map<String, Object> settings) {
        String delimiter = ConfigurationHelper.getString("hibernate.hbm2ddl.delimiter", settings, ";");
        return delimiter == null ? "" : delimiter;
    }

    private static void writeScript(ScriptTargetOutput output, List<String> statements, Map<String, Object> settings) {
        if (output == null) {
            throw new SchemaManagementException("Writing to script was requested, but no script file was specified");
        }
        String delimiter = delimiter(settings);
        output.prepare();
        try {
            for (String sql : statements) {
                output.accept(sql + delimiter);
            }
        } finally {
            output.release();
        }
    }

    /** Our own statements bypass the observing proxy: they apply the rule themselves. */
    private static Connection real(Connection connection) {
        return connection instanceof ObservedJdbcContext.Unwrappable observed
                ? (Connection) observed.observedTarget()
                : connection;
    }
}
