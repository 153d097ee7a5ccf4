package dev.libsqljpa.liquibase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import liquibase.change.AddColumnConfig;
import liquibase.change.ChangeMetaData;
import liquibase.change.ColumnConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.database.Database;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;
import liquibase.structure.core.Column;

/**
 * {@code mergeColumns} on libSQL. Liquibase's SQLite support adds the final column, fills it and then
 * rebuilds the table without the two source columns from its snapshot, which fails on a table with
 * foreign keys of its own and drops a referenced table's child rows. On libSQL:
 *
 * <ol>
 *   <li>the final column is added in place ({@code ALTER TABLE … ADD}, a plain nullable column);
 *   <li>it is set to {@code column1 || 'joinString' || column2}, Liquibase's expression on SQLite
 *       (NULL when either source value is NULL);
 *   <li>the two source columns are dropped in place ({@code ALTER TABLE … DROP COLUMN}) when SQLite can
 *       (neither is in the primary key, an index or a foreign key of the table), else by one table rebuild
 *       without them, done the safe way ({@link SafeRebuild}).
 * </ol>
 *
 * <p>Everything that can refuse the change is checked before the first statement runs: the table and both
 * source columns exist, the final column does not, and a rebuild would not touch the rows of tables that
 * reference this one ({@link SafeRebuild#checkForeignKeys}).
 *
 * <p>The change has the name, properties and checksum of Liquibase's {@code mergeColumns}; on any other
 * database it is Liquibase's change unchanged. Registered in {@code META-INF/services/liquibase.change.Change}.
 */
@DatabaseChange(
        name = "mergeColumns",
        description = "Concatenates the values in two columns, joins them with a string, and stores the resulting"
                + " value in a new column.",
        priority = ChangeMetaData.PRIORITY_DATABASE)
public class LibsqlMergeColumnsChange extends MergeColumnChange {

    @Override
    public boolean supports(Database database) {
        return database instanceof LibsqlDatabase || super.supports(database);
    }

    @Override
    public ValidationErrors validate(Database database) {
        if (!(database instanceof LibsqlDatabase)) {
            return super.validate(database);
        }
        ValidationErrors errors = new ValidationErrors();
        errors.checkRequiredField("tableName", getTableName());
        errors.checkRequiredField("column1Name", getColumn1Name());
        errors.checkRequiredField("column2Name", getColumn2Name());
        errors.checkRequiredField("finalColumnName", getFinalColumnName());
        errors.checkRequiredField("finalColumnType", getFinalColumnType());
        if (getColumn1Name() != null && getColumn1Name().equalsIgnoreCase(getColumn2Name())) {
            errors.addError("mergeColumns on table " + getTableName() + " names column " + getColumn1Name()
                    + " as both column1Name and column2Name");
        }
        return errors;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (!(database instanceof LibsqlDatabase)) {
            return super.generateStatements(database);
        }
        TableShape shape;
        try {
            shape = TableShape.read(database, getTableName());
        } catch (SQLException e) {
            throw new UnexpectedLiquibaseException(
                    "libSQL: could not read the columns of " + getTableName() + " to merge " + getColumn1Name()
                            + " and " + getColumn2Name() + ": " + e.getMessage(),
                    e);
        }
        if (shape != null) {
            checkColumns(shape);
            checkNotReferenced(database);
        }
        List<SqlStatement> statements = new ArrayList<>();
        AddColumnChange add = new AddColumnChange();
        add.setCatalogName(getCatalogName());
        add.setSchemaName(getSchemaName());
        add.setTableName(getTableName());
        AddColumnConfig column = new AddColumnConfig();
        column.setName(getFinalColumnName());
        column.setType(getFinalColumnType());
        add.addColumn(column);
        statements.addAll(Arrays.asList(add.generateStatements(database)));
        statements.add(new RawSqlStatement(mergeSql(database)));

        String table = database.escapeTableName(getCatalogName(), getSchemaName(), getTableName());
        List<String> sources = List.of(getColumn1Name(), getColumn2Name());
        if (shape == null || sources.stream().allMatch(shape::droppableInPlace)) {
            for (String source : sources) {
                statements.add(new RawSqlStatement(
                        "ALTER TABLE " + table + " DROP COLUMN " + database.escapeObjectName(source, Column.class)));
            }
        } else {
            // The rebuild is generated now, from the table as it is before the final column is added; it creates
            // the final column and copies its values, which the old table has (filled) by the time it runs.
            ColumnConfig merged = new ColumnConfig();
            merged.setName(getFinalColumnName());
            merged.setType(getFinalColumnType());
            Sql[] rebuild = SafeRebuild.rebuild(
                    database,
                    getCatalogName(),
                    getSchemaName(),
                    getTableName(),
                    SafeRebuild.withoutColumns(sources, merged));
            for (Sql sql : rebuild) {
                statements.add(new RawSqlStatement(sql.toSql(), sql.getEndDelimiter()));
            }
        }
        return statements.toArray(new SqlStatement[0]);
    }

    /**
     * {@code UPDATE t SET final = column1 || 'joinString' || column2}: Liquibase's concatenation on SQLite,
     * with the join string as a correctly quoted literal (an absent join string is empty).
     */
    String mergeSql(Database database) {
        String join = getJoinString() == null ? "" : getJoinString();
        return "UPDATE " + database.escapeTableName(getCatalogName(), getSchemaName(), getTableName()) + " SET "
                + database.escapeObjectName(getFinalColumnName(), Column.class) + " = "
                + database.getConcatSql(
                        database.escapeObjectName(getColumn1Name(), Column.class),
                        "'" + join.replace("'", "''") + "'",
                        database.escapeObjectName(getColumn2Name(), Column.class));
    }

    private void checkColumns(TableShape shape) {
        String table = getTableName();
        String problem = null;
        if (shape.columns().isEmpty()) {
            problem = "there is no table " + table;
        } else if (!shape.hasColumn(getColumn1Name()) || !shape.hasColumn(getColumn2Name())) {
            String missing = shape.hasColumn(getColumn1Name()) ? getColumn2Name() : getColumn1Name();
            problem = "table " + table + " has no column " + missing + " (its columns: "
                    + String.join(", ", shape.columns()) + ")";
        } else if (shape.hasColumn(getFinalColumnName())) {
            problem = "table " + table + " already has a column " + getFinalColumnName();
        }
        if (problem != null) {
            throw new UnexpectedLiquibaseException("libSQL: cannot merge " + table + "." + getColumn1Name() + " and "
                    + table + "." + getColumn2Name() + " into " + getFinalColumnName() + ": " + problem
                    + "; nothing was run.");
        }
    }

    /**
     * Refuses to merge away a column that a foreign key references: the key would be left naming a column
     * that is gone, and SQLite would answer every write of the referencing table with "foreign key mismatch".
     */
    private void checkNotReferenced(Database database) {
        List<TableShape.Reference> references;
        try {
            TableShape.Dependents dependents = TableShape.dependents(database, getTableName());
            references = dependents == null ? List.of() : dependents.to(List.of(getColumn1Name(), getColumn2Name()));
        } catch (SQLException e) {
            throw new UnexpectedLiquibaseException(
                    "libSQL: could not read the references to " + getTableName() + ": " + e.getMessage(), e);
        }
        if (!references.isEmpty()) {
            throw new UnexpectedLiquibaseException("libSQL: cannot merge " + getTableName() + "." + getColumn1Name()
                    + " and " + getTableName() + "." + getColumn2Name() + " into " + getFinalColumnName() + ": "
                    + references + " reference " + (references.size() == 1 ? "one of them" : "them")
                    + " by foreign key, which would be left naming a dropped column (SQLite then fails every write"
                    + " of those tables with \"foreign key mismatch\"); nothing was run. Drop or change those foreign keys"
                    + " first.");
        }
    }
}
