package dev.libsqljpa.liquibase;

import java.util.List;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.Sql;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;
import liquibase.statement.core.RenameTableStatement;

/**
 * Liquibase's JDBC executor for libSQL. Changes such as {@code dropPrimaryKey} and
 * {@code mergeColumns} hand Liquibase's SQLite table rebuild to the executor one statement at
 * a time (rename to {@code t_temporary}, create, copy, drop); this executor runs that sequence the
 * safe way described in {@link SafeRebuild}. Every other statement runs unchanged.
 */
public class LibsqlExecutor extends JdbcExecutor {

    private SafeRebuild.Rebuild rebuild;

    @Override
    public boolean supports(Database database) {
        return database instanceof LibsqlDatabase;
    }

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public void execute(SqlStatement statement, List<SqlVisitor> visitors) throws DatabaseException {
        if (rebuild == null && SafeRebuild.startsRebuild(statement)) {
            rebuild = SafeRebuild.start(database, (RenameTableStatement) statement);
            return;
        }
        if (rebuild != null) {
            Sql[] rewritten = SafeRebuild.rewriteStep(statement, rebuild, database);
            if (rewritten != null) {
                if (SafeRebuild.dropsTemporary(statement, rebuild.table())) {
                    rebuild = null;
                }
                for (Sql sql : rewritten) {
                    super.execute(new RawSqlStatement(sql.toSql(), sql.getEndDelimiter()), visitors);
                }
                return;
            }
        }
        super.execute(statement, visitors);
    }
}
