package dev.libsqljpa.flyway;

import java.util.concurrent.Callable;
import org.flywaydb.core.internal.database.base.Connection;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;

/**
 * Flyway's connection to a libSQL database. Every write to the schema history table (and the
 * migration it records) runs inside {@link #lock}: here that first takes the {@link MigrationLock}
 * row in its own transaction on a separate connection, so two {@code migrate} runs against one
 * database, in any processes, apply each migration once.
 */
public class LibsqlFlywayConnection extends Connection<LibsqlFlywayDatabase> {

    private MigrationLock heldLock;
    private int lockDepth;

    LibsqlFlywayConnection(LibsqlFlywayDatabase database, java.sql.Connection connection) {
        super(database, connection);
    }

    @Override
    public Schema getSchema(String name) {
        return new LibsqlFlywaySchema(jdbcTemplate, database, name);
    }

    @Override
    protected String getCurrentSchemaNameOrSearchPath() {
        return LibsqlFlywaySchema.MAIN;
    }

    @Override
    public <T> T lock(Table table, Callable<T> callable) {
        if (lockDepth == 0) {
            heldLock =
                    MigrationLock.acquire(database.connectionFactory(), database.getConfiguration(), table.getName());
        }
        lockDepth++;
        try {
            return super.lock(table, callable);
        } finally {
            lockDepth--;
            if (lockDepth == 0) {
                MigrationLock lock = heldLock;
                heldLock = null;
                lock.release();
            }
        }
    }
}
