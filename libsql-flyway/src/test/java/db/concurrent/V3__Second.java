package db.concurrent;

import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Counts how often it ran in this JVM (both concurrent migrators run here). */
public class V3__Second extends BaseJavaMigration {
    public static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    public void migrate(Context context) throws Exception {
        RUNS.incrementAndGet();
        try (Statement statement = context.getConnection().createStatement()) {
            statement.executeUpdate("INSERT INTO applied (version, applied_by) VALUES ('3', 'java')");
        }
    }
}
