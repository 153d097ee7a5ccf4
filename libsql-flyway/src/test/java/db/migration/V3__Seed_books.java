package db.migration;

import java.sql.PreparedStatement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration: runs on Flyway's connection, in its transaction. */
public class V3__Seed_books extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (PreparedStatement insert =
                context.getConnection().prepareStatement("INSERT INTO book (id, author_id, title) VALUES (?, 1, ?)")) {
            for (int i = 2; i <= 3; i++) {
                insert.setInt(1, i);
                insert.setString(2, "Volume " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
