package dev.libsqljpa.flyway;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;

/**
 * A libSQL database for Flyway. Like SQLite: one schema ({@code main}), transactional DDL, one
 * connection for history and migrations, booleans as 1/0, the same schema history table.
 */
public class LibsqlFlywayDatabase extends Database<LibsqlFlywayConnection> {

    public LibsqlFlywayDatabase(
            Configuration configuration,
            JdbcConnectionFactory jdbcConnectionFactory,
            StatementInterceptor statementInterceptor) {
        super(configuration, jdbcConnectionFactory, statementInterceptor);
    }

    @Override
    protected LibsqlFlywayConnection doGetConnection(Connection connection) {
        return new LibsqlFlywayConnection(this, connection);
    }

    /** Every libSQL server (sqld, Turso Cloud, tursodb) runs a SQLite 3 engine: nothing to refuse. */
    @Override
    public void ensureSupported(Configuration configuration) {}

    @Override
    public String getRawCreateScript(Table table, boolean baseline) {
        // The same history table as on SQLite, so tools reading it see the usual columns.
        return "CREATE TABLE " + table + " (\n"
                + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INT,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
                + "    \"execution_time\" INT NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL\n"
                + ");\n"
                + (baseline ? getBaselineStatement(table) + ";\n" : "")
                + "CREATE INDEX " + quote(table.getSchema().getName(), table.getName() + "_s_idx")
                + " ON " + quote(table.getName()) + " (\"success\");";
    }

    /** libSQL authenticates with a token, not a user: the history's {@code installed_by} stays empty unless configured. */
    @Override
    protected String doGetCurrentUser() {
        return "";
    }

    @Override
    public boolean supportsDdlTransactions() {
        return true;
    }

    @Override
    public String getBooleanTrue() {
        return "1";
    }

    @Override
    public String getBooleanFalse() {
        return "0";
    }

    @Override
    public boolean catalogIsSchema() {
        return true;
    }

    @Override
    public boolean useSingleConnection() {
        return true;
    }

    JdbcConnectionFactory connectionFactory() {
        return jdbcConnectionFactory;
    }
}
