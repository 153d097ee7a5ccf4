package dev.libsqljpa.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.core.SQLiteDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CopyRowsStatement;
import liquibase.statement.core.CreateTableStatement;
import liquibase.statement.core.DropTableStatement;
import liquibase.statement.core.RenameTableStatement;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Index;

/**
 * Rewrites Liquibase's SQLite table rebuild so that it cannot touch other tables.
 *
 * <p>Liquibase rebuilds a table {@code t} as: rename {@code t} to {@code t_temporary}, create the
 * new {@code t}, copy the rows, drop {@code t_temporary}. Since SQLite 3.26 the rename also
 * rewrites every foreign key that references {@code t} to reference {@code t_temporary}, whatever
 * {@code PRAGMA foreign_keys} says, and dropping {@code t_temporary} with foreign keys enforced
 * deletes the referencing rows ({@code ON DELETE CASCADE}) or fails. The rewrite follows SQLite's
 * own procedure (lang_altertable.html, "making other kinds of table schema changes"): create the
 * new table as {@code t_temporary}, copy the rows into it, drop {@code t}, rename
 * {@code t_temporary} to {@code t}. References to {@code t} are never rewritten, so they end on the
 * new table.
 *
 * <p>Dropping {@code t} still deletes its rows first when foreign keys are enforced, and that
 * delete cascades into child tables. So when another table references {@code t} and the migration
 * connection enforces foreign keys, the rebuild is refused before any statement runs, with a
 * message saying how to run it ({@code foreignKeys=false} on the migration connection).
 *
 * <p>Liquibase creates the new table from its snapshot of the old one, which does not carry the
 * table's own foreign keys; the rewrite adds them back (those whose columns the new table still
 * has), read from {@code PRAGMA foreign_key_list} before the rebuild.
 */
final class SafeRebuild {

    static final String SUFFIX = "_temporary";

    private SafeRebuild() {}

    /**
     * A rebuild under way: Liquibase's rename of the table to its temporary name, and the table's own
     * foreign keys as they were before the rebuild.
     */
    record Rebuild(RenameTableStatement rename, List<TableShape.ForeignKey> foreignKeys) {

        String table() {
            return rename.getOldTableName();
        }

        String temporary() {
            return rename.getNewTableName();
        }
    }

    /** Whether {@code statement} is the first statement of a Liquibase SQLite rebuild. */
    static boolean startsRebuild(SqlStatement statement) {
        return statement instanceof RenameTableStatement rename
                && rename.getNewTableName().equalsIgnoreCase(rename.getOldTableName() + SUFFIX);
    }

    /**
     * Starts the rebuild that {@code rename} begins: refuses it if it could delete or orphan child
     * rows ({@link #checkForeignKeys}) and reads the table's own foreign keys.
     */
    static Rebuild start(Database database, RenameTableStatement rename) throws DatabaseException {
        String table = rename.getOldTableName();
        checkForeignKeys(database, table);
        try {
            TableShape shape = TableShape.read(database, table);
            return new Rebuild(rename, shape == null ? List.of() : shape.foreignKeys());
        } catch (SQLException e) {
            throw new DatabaseException(
                    "libSQL: could not read the foreign keys of " + table + " before rebuilding it: " + e.getMessage(),
                    e);
        }
    }

    /** Whether {@code statement} creates the rebuilt table. */
    static boolean createsTable(SqlStatement statement, String table) {
        return statement instanceof CreateTableStatement create
                && create.getTableName().equalsIgnoreCase(table);
    }

    /** Whether {@code statement} copies the rows back into the rebuilt table. */
    static boolean copiesRows(SqlStatement statement, String table) {
        return statement instanceof CopyRowsStatement copy
                && copy.getTargetTable().equalsIgnoreCase(table)
                && copy.getSourceTable().equalsIgnoreCase(table + SUFFIX);
    }

    /** Whether {@code statement} drops the temporary table. */
    static boolean dropsTemporary(SqlStatement statement, String table) {
        return statement instanceof DropTableStatement drop
                && drop.getTableName().equalsIgnoreCase(table + SUFFIX);
    }

    /**
     * The SQL of a Liquibase SQLite rebuild of {@code table} shaped by {@code visitor}, rewritten the
     * safe way; for generators of changes that Liquibase implements as a rebuild.
     */
    static Sql[] rebuild(
            Database database, String catalog, String schema, String table, SQLiteDatabase.AlterTableVisitor visitor) {
        try {
            return rewrite(
                    SQLiteDatabase.getAlterTableStatements(
                            withoutSnapshotForeignKeys(visitor), database, catalog, schema, table),
                    database);
        } catch (DatabaseException e) {
            throw new UnexpectedLiquibaseException(e.getMessage(), e);
        }
    }

    /**
     * A rebuild of the table without {@code names} and without the indexes that name them, with {@code added}
     * columns at the end; the copy carries the values of {@code added} over, so they must exist in the old
     * table by the time the rebuild runs.
     */
    static SQLiteDatabase.AlterTableVisitor withoutColumns(List<String> names, ColumnConfig... added) {
        Set<String> dropped =
                names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new SQLiteDatabase.AlterTableVisitor() {
            @Override
            public ColumnConfig[] getColumnsToAdd() {
                return added.clone();
            }

            @Override
            public boolean copyThisColumn(ColumnConfig column) {
                return !dropped.contains(column.getName().toLowerCase(Locale.ROOT));
            }

            @Override
            public boolean createThisColumn(ColumnConfig column) {
                return copyThisColumn(column);
            }

            @Override
            public boolean createThisIndex(Index index) {
                return index.getColumns().stream()
                        .noneMatch(c -> dropped.contains(c.getName().toLowerCase(Locale.ROOT)));
            }
        };
    }

    /**
     * A rebuild that keeps every column, row and index of the table, with {@code change} applied to each
     * column of the new table's definition.
     */
    static SQLiteDatabase.AlterTableVisitor changingColumns(Consumer<ColumnConfig> change) {
        return new SQLiteDatabase.AlterTableVisitor() {
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
                change.accept(column);
                return true;
            }

            @Override
            public boolean createThisIndex(Index index) {
                return true;
            }
        };
    }

    /**
     * {@code visitor}, except that the columns it creates carry no foreign key: Liquibase's snapshot
     * gives them references without a constraint name, which its {@code createTable} rejects
     * ("createTable with references requires foreignKeyName"), and without their {@code ON DELETE} /
     * {@code ON UPDATE} actions. The rewrite adds the table's foreign keys back as they were.
     */
    private static SQLiteDatabase.AlterTableVisitor withoutSnapshotForeignKeys(
            SQLiteDatabase.AlterTableVisitor visitor) {
        return new SQLiteDatabase.AlterTableVisitor() {
            @Override
            public ColumnConfig[] getColumnsToAdd() {
                return visitor.getColumnsToAdd();
            }

            @Override
            public boolean copyThisColumn(ColumnConfig column) {
                return visitor.copyThisColumn(column);
            }

            @Override
            public boolean createThisColumn(ColumnConfig column) {
                ConstraintsConfig constraints = column.getConstraints();
                if (constraints != null) {
                    constraints.setReferences(null);
                    constraints.setReferencedTableName(null);
                    constraints.setReferencedColumnNames(null);
                    constraints.setForeignKeyName(null);
                    constraints.setDeleteCascade((Boolean) null);
                }
                return visitor.createThisColumn(column);
            }

            @Override
            public boolean createThisIndex(Index index) {
                return visitor.createThisIndex(index);
            }
        };
    }

    /** The whole rebuild, rewritten; {@code statements} as produced by {@code SQLiteDatabase.getAlterTableStatements}. */
    static Sql[] rewrite(List<SqlStatement> statements, Database database) throws DatabaseException {
        List<Sql> sql = new ArrayList<>();
        Rebuild rebuild = null;
        for (SqlStatement statement : statements) {
            if (rebuild == null && startsRebuild(statement)) {
                rebuild = start(database, (RenameTableStatement) statement);
                continue;
            }
            if (rebuild != null) {
                Sql[] step = rewriteStep(statement, rebuild, database);
                if (step != null) {
                    sql.addAll(List.of(step));
                    continue;
                }
            }
            sql.addAll(List.of(SqlGeneratorFactory.getInstance().generateSql(statement, database)));
        }
        return sql.toArray(new Sql[0]);
    }

    /** The rewritten SQL of one statement of {@code rebuild}, or null if it stays as it is. */
    static Sql[] rewriteStep(SqlStatement statement, Rebuild rebuild, Database database) {
        String table = rebuild.table();
        String temporary = rebuild.temporary();
        String catalog = rebuild.rename().getCatalogName();
        String schema = rebuild.rename().getSchemaName();
        SqlGeneratorFactory generators = SqlGeneratorFactory.getInstance();
        if (createsTable(statement, table)) {
            return createTemporary((CreateTableStatement) statement, rebuild, database);
        }
        if (copiesRows(statement, table)) {
            CopyRowsStatement copy = (CopyRowsStatement) statement;
            return generators.generateSql(new CopyRowsStatement(table, temporary, copy.getCopyColumns()), database);
        }
        if (dropsTemporary(statement, table)) {
            List<Sql> sql = new ArrayList<>(
                    List.of(generators.generateSql(new DropTableStatement(catalog, schema, table, false), database)));
            sql.addAll(List.of(
                    generators.generateSql(new RenameTableStatement(catalog, schema, temporary, table), database)));
            return sql.toArray(new Sql[0]);
        }
        return null;
    }

    /** Liquibase's CREATE TABLE of the new table, under the temporary name and with the table's own foreign keys. */
    private static Sql[] createTemporary(CreateTableStatement create, Rebuild rebuild, Database database) {
        String table = rebuild.table();
        String original =
                "CREATE TABLE " + database.escapeTableName(create.getCatalogName(), create.getSchemaName(), table);
        String replacement = "CREATE TABLE "
                + database.escapeTableName(create.getCatalogName(), create.getSchemaName(), rebuild.temporary());
        List<Sql> renamed = new ArrayList<>();
        boolean done = false;
        for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(create, database)) {
            String text = sql.toSql();
            if (!done && text.regionMatches(true, 0, original, 0, original.length())) {
                text = withForeignKeys(replacement + text.substring(original.length()), create, rebuild);
                done = true;
            }
            renamed.add(new UnparsedSql(
                    text,
                    sql.getEndDelimiter(),
                    sql.getAffectedDatabaseObjects().toArray(new DatabaseObject[0])));
        }
        if (!done) {
            throw new IllegalStateException("libSQL table rebuild of " + table
                    + ": unexpected CREATE TABLE text, not starting with [" + original + "]; nothing was run");
        }
        return renamed.toArray(new Sql[0]);
    }

    /**
     * {@code createTable} with the table's own foreign keys appended as table constraints, unless
     * Liquibase already wrote foreign keys; keys on columns the new table no longer has are left out.
     */
    private static String withForeignKeys(String createTable, CreateTableStatement create, Rebuild rebuild) {
        if (!create.getForeignKeyConstraints().isEmpty()
                || rebuild.foreignKeys().isEmpty()) {
            return createTable;
        }
        Set<String> columns = create.getColumns().stream()
                .map(c -> c.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        StringBuilder constraints = new StringBuilder();
        for (TableShape.ForeignKey key : rebuild.foreignKeys()) {
            if (key.from().stream().allMatch(from -> columns.contains(from.toLowerCase(Locale.ROOT)))) {
                constraints.append(", ").append(key.clause());
            }
        }
        int end = createTable.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalStateException("libSQL table rebuild of " + rebuild.table()
                    + ": unexpected CREATE TABLE text without a closing parenthesis; nothing was run");
        }
        return createTable.substring(0, end) + constraints + createTable.substring(end);
    }

    /**
     * Refuses the rebuild of {@code table} when another table references it and the connection
     * enforces foreign keys: dropping the old table would delete or orphan the referencing rows.
     */
    static void checkForeignKeys(Database database, String table) throws DatabaseException {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)
                || database.getConnection() instanceof OfflineConnection) {
            return;
        }
        Connection connection = jdbc.getUnderlyingConnection();
        try {
            boolean enforced;
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("PRAGMA foreign_keys")) {
                enforced = rs.next() && rs.getInt(1) == 1;
            }
            if (!enforced) {
                return;
            }
            List<String> children = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT DISTINCT m.name FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f"
                            + " WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE AND m.name <> ? COLLATE NOCASE ORDER BY m.name")) {
                statement.setString(1, table);
                statement.setString(2, table);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        children.add(rs.getString(1));
                    }
                }
            }
            if (!children.isEmpty()) {
                throw new DatabaseException(
                        "libSQL: this change rebuilds table " + table + " (SQLite cannot ALTER it in place), which "
                                + children
                                + " reference by foreign key. With foreign keys enforced, dropping the old table would delete "
                                + "or orphan their rows, so nothing was run. Run this migration on a connection with foreign keys off: "
                                + "add foreignKeys=false to its JDBC URL (jdbc:libsql:…?foreignKeys=false); the references then "
                                + "point at the rebuilt " + table + ".");
            }
        } catch (SQLException e) {
            throw new DatabaseException(
                    "libSQL: could not check the foreign keys of " + table + " before rebuilding it: " + e.getMessage(),
                    e);
        }
    }
}
