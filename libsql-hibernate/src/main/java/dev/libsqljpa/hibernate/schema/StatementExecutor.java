package dev.libsqljpa.hibernate.schema;

import dev.libsqljpa.hibernate.LibsqlDialectResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends DDL statements: as one JDBC batch when there are several and batching is on (one request on
 * libSQL, all or nothing), else, or when the batch fails, one at a time under the tolerance rule of
 * {@link SchemaRun#statementFailed}.
 */
final class StatementExecutor {

    private static final Logger LOG = Logger.getLogger(LibsqlSchemaManagementTool.LOG_CATEGORY);

    private StatementExecutor() {}

    static void execute(Connection connection, List<String> statements, SchemaRun run) {
        if (statements.isEmpty()) {
            return;
        }
        run.statementRan();
        if (run.batch && statements.size() > 1) {
            try {
                executeBatch(connection, statements);
                for (String sql : statements) {
                    run.applied(sql);
                }
                return;
            } catch (SQLException e) {
                // Expected when a statement meets a benign outcome (another instance was faster): nothing of
                // the batch was applied, and the statements are replayed one by one, each under the rule.
                LOG.debugf(
                        "libSQL schema %s: batch of %d statements failed (%s); applying them one at a time",
                        run.report.action(), statements.size(), e.getMessage());
            }
        }
        for (String sql : statements) {
            executeOne(connection, sql, run);
        }
    }

    /**
     * One batch, all or nothing. The libSQL driver sends an auto-commit batch as one request that the
     * server runs atomically; other drivers (sqlite-jdbc commits statement by statement) get an explicit
     * transaction around it.
     */
    private static void executeBatch(Connection connection, List<String> statements) throws SQLException {
        boolean atomicByItself = LibsqlDialectResolver.PRODUCT_NAME.equals(
                connection.getMetaData().getDatabaseProductName());
        boolean wrap = !atomicByItself && connection.getAutoCommit();
        if (wrap) {
            connection.setAutoCommit(false);
        }
        try (Statement batch = connection.createStatement()) {
            for (String sql : statements) {
                batch.addBatch(sql);
            }
            batch.executeBatch();
            if (wrap) {
                connection.commit();
            }
        } catch (SQLException e) {
            if (wrap) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        } finally {
            if (wrap) {
                connection.setAutoCommit(true);
            }
        }
    }

    static void executeOne(Connection connection, String sql, SchemaRun run) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            run.statementFailed(sql, e);
            return;
        }
        run.applied(sql);
    }
}
