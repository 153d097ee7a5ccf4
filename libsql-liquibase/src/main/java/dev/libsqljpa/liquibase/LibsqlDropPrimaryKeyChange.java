package dev.libsqljpa.liquibase;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import liquibase.change.ChangeMetaData;
import liquibase.change.ConstraintsConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.sql.Sql;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;

/**
 * {@code dropPrimaryKey} on libSQL. SQLite cannot drop a primary key in place, so the table is rebuilt
 * without it (and without {@code AUTOINCREMENT}, which SQLite allows only on the primary key), the safe way
 * ({@link SafeRebuild}): the table's rows, indexes and own foreign keys are kept, references to it are not
 * rewritten. Before anything runs the change is refused when
 *
 * <ul>
 *   <li>the table does not exist or has no primary key (a drift or a mistake, not silently skipped);
 *   <li>another table's foreign key points at the primary key and no {@code UNIQUE} index covers the same
 *       columns: without the key SQLite would answer every write of that table with "foreign key mismatch";
 *   <li>another table references it and the connection enforces foreign keys
 *       ({@link SafeRebuild#checkForeignKeys}).
 * </ul>
 *
 * <p>The change has the name, properties and checksum of Liquibase's {@code dropPrimaryKey}; on any other
 * database it is Liquibase's change unchanged. Registered in {@code META-INF/services/liquibase.change.Change}.
 */
@DatabaseChange(
        name = "dropPrimaryKey",
        description = "Drops an existing primary key",
        priority = ChangeMetaData.PRIORITY_DATABASE,
        appliesTo = "primaryKey")
public class LibsqlDropPrimaryKeyChange extends DropPrimaryKeyChange {

    @Override
    public boolean supports(Database database) {
        return database instanceof LibsqlDatabase || super.supports(database);
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (!(database instanceof LibsqlDatabase)) {
            return super.generateStatements(database);
        }
        String table = getTableName();
        try {
            TableShape shape = TableShape.read(database, table);
            if (shape != null) {
                if (shape.columns().isEmpty()) {
                    throw refused("there is no table " + table);
                }
                if (shape.primaryKey().isEmpty()) {
                    throw refused("table " + table + " has no primary key (its columns: "
                            + String.join(", ", shape.columns()) + ")");
                }
                TableShape.Dependents dependents = TableShape.dependents(database, table);
                List<TableShape.Reference> needing = dependents == null ? List.of() : dependents.needingThePrimaryKey();
                if (!needing.isEmpty()) {
                    throw refused(needing + " reference its primary key " + shape.primaryKey()
                            + ", and no UNIQUE index covers those columns: without the key SQLite answers every write"
                            + " of those tables with \"foreign key mismatch\". Add a unique index on "
                            + shape.primaryKey() + " first, or drop those foreign keys");
                }
            }
        } catch (SQLException e) {
            throw new UnexpectedLiquibaseException(
                    "libSQL: could not read the primary key of " + table + " to drop it: " + e.getMessage(), e);
        }
        Sql[] rebuild = SafeRebuild.rebuild(database, getCatalogName(), getSchemaName(), table, withoutPrimaryKey());
        return Arrays.stream(rebuild)
                .map(sql -> new RawSqlStatement(sql.toSql(), sql.getEndDelimiter()))
                .toArray(SqlStatement[]::new);
    }

    private UnexpectedLiquibaseException refused(String why) {
        return new UnexpectedLiquibaseException(
                "libSQL: cannot drop the primary key of " + getTableName() + ": " + why + "; nothing was run.");
    }

    /** A rebuild with every column out of the primary key and without auto-increment. */
    private static SQLiteDatabase.AlterTableVisitor withoutPrimaryKey() {
        return SafeRebuild.changingColumns(column -> {
            ConstraintsConfig constraints = column.getConstraints();
            if (constraints != null) {
                constraints.setPrimaryKey(false);
                constraints.setPrimaryKeyName(null);
            }
            column.setAutoIncrement(false);
            column.setStartWith(null);
            column.setIncrementBy(null);
        });
    }
}
