package dev.libsqljpa.liquibase;

import java.util.Date;
import liquibase.change.ColumnConfig;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AddDefaultValueGeneratorSQLite;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.core.AddDefaultValueStatement;

/**
 * {@code addDefaultValue} on libSQL. SQLite cannot change a column's default in place, so Liquibase
 * rebuilds the table with the new default; this generator does the same rebuild the safe way
 * ({@link SafeRebuild}): child rows and references to the table are kept, and the rebuild of a
 * referenced table is refused while foreign keys are enforced.
 */
public class LibsqlAddDefaultValueGenerator extends AddDefaultValueGeneratorSQLite {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 5;
    }

    @Override
    public boolean supports(AddDefaultValueStatement statement, Database database) {
        return database instanceof LibsqlDatabase;
    }

    @Override
    public Sql[] generateSql(AddDefaultValueStatement statement, Database database, SqlGeneratorChain chain) {
        SQLiteDatabase.AlterTableVisitor visitor = SafeRebuild.changingColumns(column -> {
            if (column.getName().equalsIgnoreCase(statement.getColumnName())) {
                setDefault(column, statement.getDefaultValue());
            }
        });
        return SafeRebuild.rebuild(
                database, statement.getCatalogName(), statement.getSchemaName(), statement.getTableName(), visitor);
    }

    /** Sets {@code value} (as the change typed it: text, number, boolean, date or function) as the column's default. */
    static void setDefault(ColumnConfig column, Object value) {
        if (value instanceof Boolean bool) {
            column.setDefaultValueBoolean(bool);
        } else if (value instanceof Number number) {
            column.setDefaultValueNumeric(number);
        } else if (value instanceof DatabaseFunction function) {
            column.setDefaultValueComputed(function);
        } else if (value instanceof Date date) {
            column.setDefaultValueDate(date);
        } else {
            column.setDefaultValue(value == null ? null : value.toString());
        }
    }
}
