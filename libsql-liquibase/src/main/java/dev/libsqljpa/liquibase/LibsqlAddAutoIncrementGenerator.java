package dev.libsqljpa.liquibase;

import liquibase.change.ConstraintsConfig;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AddAutoIncrementGeneratorSQLite;
import liquibase.statement.core.AddAutoIncrementStatement;

/**
 * {@code addAutoIncrement} on libSQL. SQLite's {@code AUTOINCREMENT} exists only on an
 * {@code INTEGER PRIMARY KEY}, declared with the table, so Liquibase rebuilds the table with the
 * column as an auto-increment primary key; this generator does the same rebuild the safe way
 * ({@link SafeRebuild}): child rows and references to the table are kept, and the rebuild of a
 * referenced table is refused while foreign keys are enforced.
 */
public class LibsqlAddAutoIncrementGenerator extends AddAutoIncrementGeneratorSQLite {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 5;
    }

    @Override
    public boolean supports(AddAutoIncrementStatement statement, Database database) {
        return database instanceof LibsqlDatabase;
    }

    @Override
    public Sql[] generateSql(AddAutoIncrementStatement statement, Database database, SqlGeneratorChain chain) {
        SQLiteDatabase.AlterTableVisitor visitor = SafeRebuild.changingColumns(column -> {
            if (column.getName().equalsIgnoreCase(statement.getColumnName())) {
                column.setAutoIncrement(true);
                ConstraintsConfig constraints =
                        column.getConstraints() == null ? new ConstraintsConfig() : column.getConstraints();
                constraints.setPrimaryKey(true);
                column.setConstraints(constraints);
            }
        });
        return SafeRebuild.rebuild(
                database, statement.getCatalogName(), statement.getSchemaName(), statement.getTableName(), visitor);
    }
}
