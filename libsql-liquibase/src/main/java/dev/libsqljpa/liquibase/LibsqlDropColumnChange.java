package dev.libsqljpa.liquibase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import liquibase.change.ChangeMetaData;
import liquibase.change.ColumnConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.DropColumnChange;
import liquibase.database.Database;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;
import liquibase.structure.core.Column;

/**
 * {@code dropColumn} on libSQL. Liquibase's SQLite support always rebuilds the table, and in
 * 4.31–4.33 the rebuild for {@code columnName="…"} keeps the column (it only leaves out nested
 * {@code <column>}s, which its validation rejects). On libSQL:
 *
 * <ul>
 *   <li>a column that SQLite can drop in place (not in the primary key, an index or a foreign key
 *       of the table) is dropped with {@code ALTER TABLE … DROP COLUMN} (SQLite 3.35+);
 *   <li>other columns are dropped by a table rebuild without them, done the safe way
 *       ({@link SafeRebuild}): child rows and references to the table are kept;
 *   <li>a column the table does not have fails the change before anything runs, with a message
 *       naming the table's columns and the {@code columnExists} precondition that makes the drop
 *       conditional.
 * </ul>
 *
 * <p>The change has the name, properties and checksum of Liquibase's {@code dropColumn}; on any
 * other database it is Liquibase's change unchanged. Registered in
 * {@code META-INF/services/liquibase.change.Change}.
 */
@DatabaseChange(
        name = "dropColumn",
        description = "Drop existing column(s).",
        priority = ChangeMetaData.PRIORITY_DATABASE,
        appliesTo = "column")
public class LibsqlDropColumnChange extends DropColumnChange {

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
        if (columnNames().isEmpty()) {
            errors.addError("dropColumn on table " + getTableName()
                    + " names no column: set columnName or nest <column name=\"…\"/>");
        }
        return errors;
    }

    /** The columns to drop: the nested {@code <column>}s, or else {@code columnName}. */
    List<String> columnNames() {
        List<ColumnConfig> nested = getColumns();
        if (nested != null && !nested.isEmpty()) {
            return nested.stream().map(ColumnConfig::getName).toList();
        }
        return getColumnName() == null ? List.of() : List.of(getColumnName());
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (!(database instanceof LibsqlDatabase)) {
            return super.generateStatements(database);
        }
        List<String> names = columnNames();
        TableShape shape;
        try {
            shape = TableShape.read(database, getTableName());
        } catch (SQLException e) {
            throw new UnexpectedLiquibaseException(
                    "libSQL: could not read the columns of " + getTableName() + " to drop " + names + ": "
                            + e.getMessage(),
                    e);
        }
        if (shape != null) {
            checkExists(shape, names);
        }
        if (shape == null || names.stream().allMatch(shape::droppableInPlace)) {
            return names.stream()
                    .map(name -> new RawSqlStatement("ALTER TABLE "
                            + database.escapeTableName(getCatalogName(), getSchemaName(), getTableName())
                            + " DROP COLUMN "
                            + database.escapeObjectName(name, Column.class)))
                    .toArray(SqlStatement[]::new);
        }
        Sql[] rebuild = SafeRebuild.rebuild(
                database, getCatalogName(), getSchemaName(), getTableName(), SafeRebuild.withoutColumns(names));
        return Arrays.stream(rebuild)
                .map(sql -> new RawSqlStatement(sql.toSql(), sql.getEndDelimiter()))
                .toArray(SqlStatement[]::new);
    }

    private void checkExists(TableShape shape, List<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!shape.hasColumn(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String table = getTableName();
        String found = shape.columns().isEmpty()
                ? "there is no table " + table
                : "table " + table + " has no column " + String.join(", ", missing) + " (its columns: "
                        + String.join(", ", shape.columns()) + ")";
        throw new UnexpectedLiquibaseException("libSQL: cannot drop column " + table + "." + String.join(", ", missing)
                + ": " + found + "; nothing was run. If the column may legitimately be absent, guard the changeSet with"
                + " <preConditions onFail=\"MARK_RAN\"><columnExists tableName=\"" + table + "\" columnName=\""
                + missing.get(0) + "\"/></preConditions>.");
    }
}
