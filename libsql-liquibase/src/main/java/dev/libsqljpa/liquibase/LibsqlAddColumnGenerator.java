package dev.libsqljpa.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AddColumnGenerator;
import liquibase.statement.ColumnConstraint;
import liquibase.statement.ForeignKeyConstraint;
import liquibase.statement.UniqueConstraint;
import liquibase.statement.core.AddColumnStatement;
import liquibase.structure.core.Index;

/**
 * {@code addColumn} on libSQL: a plain {@code ALTER TABLE … ADD} wherever SQLite allows it (no
 * primary key, no {@code UNIQUE}, no foreign key, no auto-increment, and {@code NOT NULL} only
 * with a default), instead of the table rebuild Liquibase's SQLite support always does. Other
 * columns need a rebuild, done the safe way ({@link SafeRebuild}).
 */
public class LibsqlAddColumnGenerator extends AddColumnGenerator {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 5;
    }

    @Override
    public boolean supports(AddColumnStatement statement, Database database) {
        return database instanceof LibsqlDatabase;
    }

    @Override
    public boolean generateStatementsIsVolatile(Database database) {
        return true;
    }

    /** Whether SQLite can add this column with {@code ALTER TABLE … ADD COLUMN}. */
    static boolean addableInPlace(AddColumnStatement column) {
        if (column.isPrimaryKey() || column.isAutoIncrement() || column.isUnique()) {
            return false;
        }
        for (ColumnConstraint constraint : column.getConstraints()) {
            if (constraint instanceof ForeignKeyConstraint || constraint instanceof UniqueConstraint) {
                return false;
            }
        }
        return column.isNullable() || column.getDefaultValue() != null;
    }

    private static List<AddColumnStatement> columns(AddColumnStatement statement) {
        return statement.isMultiple() ? statement.getColumns() : List.of(statement);
    }

    @Override
    public Sql[] generateSql(AddColumnStatement statement, Database database, SqlGeneratorChain chain) {
        List<AddColumnStatement> columns = columns(statement);
        if (columns.stream().allMatch(LibsqlAddColumnGenerator::addableInPlace)) {
            List<Sql> sql = new ArrayList<>();
            for (AddColumnStatement column : columns) {
                sql.addAll(List.of(generateSingleColumn(column, database)));
            }
            return sql.toArray(new Sql[0]);
        }
        AddColumnStatement first = columns.get(0);
        Set<String> newColumns =
                columns.stream().map(AddColumnStatement::getColumnName).collect(Collectors.toSet());
        SQLiteDatabase.AlterTableVisitor visitor = new SQLiteDatabase.AlterTableVisitor() {
            @Override
            public ColumnConfig[] getColumnsToAdd() {
                return columns.stream().map(LibsqlAddColumnGenerator::config).toArray(ColumnConfig[]::new);
            }

            @Override
            public boolean copyThisColumn(ColumnConfig column) {
                return !newColumns.contains(column.getName());
            }

            @Override
            public boolean createThisColumn(ColumnConfig column) {
                return true;
            }

            @Override
            public boolean createThisIndex(Index index) {
                return true;
            }
        };
        return SafeRebuild.rebuild(
                database, first.getCatalogName(), first.getSchemaName(), first.getTableName(), visitor);
    }

    private static ColumnConfig config(AddColumnStatement column) {
        ColumnConfig config = new ColumnConfig();
        config.setName(column.getColumnName());
        config.setType(column.getColumnType());
        config.setAutoIncrement(column.isAutoIncrement());
        ConstraintsConfig constraints = new ConstraintsConfig();
        constraints.setPrimaryKey(column.isPrimaryKey());
        constraints.setNullable(column.isNullable());
        constraints.setUnique(column.isUnique());
        config.setConstraints(constraints);
        if (column.getDefaultValue() != null) {
            config.setDefaultValue(column.getDefaultValue().toString());
        }
        return config;
    }
}
