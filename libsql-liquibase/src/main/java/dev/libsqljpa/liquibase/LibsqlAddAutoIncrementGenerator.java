package dev.libsqljpa.liquibase;

import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AddAutoIncrementGeneratorSQLite;
import liquibase.statement.core.AddAutoIncrementStatement;
import liquibase.structure.core.Index;

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
        SQLiteDatabase.AlterTableVisitor visitor = new SQLiteDatabase.AlterTableVisitor() {
            @Override
            public ColumnConfig[] getColumnsToAdd() {
                return new ColumnConfig[0];
            }

            @Override
            public boolean copyThisColumn(ColumnConfig column) {
                return true;
            }

            @Override
            public boolean createThisColumn(ColumnConfig column) {
                if (column.getName().equalsIgnoreCase(statement.getColumnName())) {
                    column.setAutoIncrement(true);
                    ConstraintsConfig constraints =
                            column.getConstraints() == null ? new ConstraintsConfig() : column.getConstraints();
                    constraints.setPrimaryKey(true);
                    column.setConstraints(constraints);
                }
                return true;
            }

            @Override
            public boolean createThisIndex(Index index) {
                return true;
            }
        };
        return SafeRebuild.rebuild(
                database, statement.getCatalogName(), statement.getSchemaName(), statement.getTableName(), visitor);
    }
}
