package dev.libsqljpa.flyway;

import java.sql.SQLException;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/** A table of a libSQL database. Locking is done by {@link LibsqlFlywayConnection#lock}, not per table. */
public class LibsqlFlywayTable extends Table<LibsqlFlywayDatabase, LibsqlFlywaySchema> {

    LibsqlFlywayTable(
            JdbcTemplate jdbcTemplate, LibsqlFlywayDatabase database, LibsqlFlywaySchema schema, String name) {
        super(jdbcTemplate, database, schema, name);
    }

    @Override
    protected void doDrop() throws SQLException {
        jdbcTemplate.execute("DROP TABLE " + database.quote(name));
    }

    @Override
    protected boolean doExists() throws SQLException {
        return jdbcTemplate.queryForInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", name)
                > 0;
    }

    @Override
    protected void doLock() {}
}
