package dev.libsqljpa.flyway;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/**
 * The one schema of a libSQL database, {@code main}. {@code clean} drops views, then tables in
 * passes (a table still referenced by rows of another table fails to drop while foreign keys are
 * enforced, and is retried after the referencing table is gone): no {@code PRAGMA foreign_keys}
 * switching, which does not carry from one HTTP request to the next.
 */
public class LibsqlFlywaySchema extends Schema<LibsqlFlywayDatabase, LibsqlFlywayTable> {

    static final String MAIN = "main";

    LibsqlFlywaySchema(JdbcTemplate jdbcTemplate, LibsqlFlywayDatabase database, String name) {
        super(jdbcTemplate, database, name);
    }

    @Override
    protected boolean doExists() {
        return MAIN.equals(name);
    }

    @Override
    protected boolean doEmpty() throws SQLException {
        for (LibsqlFlywayTable table : doAllTables()) {
            if (!MigrationLock.isLockTable(table.getName())) {
                return false;
            }
        }
        return jdbcTemplate.queryForInt("SELECT count(*) FROM sqlite_master WHERE type = 'view'") == 0;
    }

    @Override
    protected void doCreate() {
        throw new FlywayException("libSQL has one schema, 'main': schema '" + name + "' cannot be created");
    }

    @Override
    protected void doDrop() {
        throw new FlywayException("libSQL has one schema, 'main': schema '" + name + "' cannot be dropped");
    }

    @Override
    protected void doClean() throws SQLException {
        for (String view : jdbcTemplate.queryForStringList("SELECT name FROM sqlite_master WHERE type = 'view'")) {
            jdbcTemplate.execute("DROP VIEW " + database.quote(view));
        }
        List<LibsqlFlywayTable> remaining = new ArrayList<>(List.of(doAllTables()));
        while (!remaining.isEmpty()) {
            List<LibsqlFlywayTable> failed = new ArrayList<>();
            SQLException lastError = null;
            for (LibsqlFlywayTable table : remaining) {
                try {
                    table.doDrop();
                } catch (SQLException e) {
                    failed.add(table);
                    lastError = e;
                }
            }
            if (failed.size() == remaining.size()) {
                throw lastError;
            }
            remaining = failed;
        }
        if (jdbcTemplate.queryForInt(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
                > 0) {
            jdbcTemplate.execute("DELETE FROM sqlite_sequence");
        }
    }

    @Override
    protected LibsqlFlywayTable[] doAllTables() throws SQLException {
        List<LibsqlFlywayTable> tables = new ArrayList<>();
        for (String table : jdbcTemplate.queryForStringList("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            String lower = table.toLowerCase(Locale.ROOT);
            // SQLite's own tables and the bookkeeping tables tursodb keeps for AUTOINCREMENT.
            if (!lower.startsWith("sqlite_")
                    && !lower.startsWith("__turso_internal")
                    && !lower.equals("android_metadata")) {
                tables.add(new LibsqlFlywayTable(jdbcTemplate, database, this, table));
            }
        }
        return tables.toArray(new LibsqlFlywayTable[0]);
    }

    @Override
    public Table getTable(String tableName) {
        return new LibsqlFlywayTable(jdbcTemplate, database, this, tableName);
    }
}
