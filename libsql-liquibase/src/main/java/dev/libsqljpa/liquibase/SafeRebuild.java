package dev.libsqljpa.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CopyRowsStatement;
import liquibase.statement.core.CreateTableStatement;
import liquibase.statement.core.DropTableStatement;
import liquibase.statement.core.RenameTableStatement;
import liquibase.structure.DatabaseObject;

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
 */
final class SafeRebuild {

    static final String SUFFIX = "_temporary";

    private SafeRebuild() {}

    /** Whether {@code statement} is the first statement of a Liquibase SQLite rebuild. */
    static boolean startsRebuild(SqlStatement statement) {
        return statement instanceof RenameTableStatement rename
                && rename.getNewTableName().equalsIgnoreCase(rename.getOldTableName() + SUFFIX);
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

    /** The whole rebuild, rewritten; {@code statements} as produced by {@code SQLiteDatabase.getAlterTableStatements}. */
    static Sql[] rewrite(List<SqlStatement> statements, Database database) throws DatabaseException {
        List<Sql> sql = new ArrayList<>();
        RenameTableStatement rebuild = null;
        for (SqlStatement statement : statements) {
            if (rebuild == null && startsRebuild(statement)) {
                rebuild = (RenameTableStatement) statement;
                checkForeignKeys(database, rebuild.getOldTableName());
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

    /** The rewritten SQL of one statement of the rebuild of {@code rebuild.getOldTableName()}, or null if it stays. */
    static Sql[] rewriteStep(SqlStatement statement, RenameTableStatement rebuild, Database database) {
        String table = rebuild.getOldTableName();
        String temporary = rebuild.getNewTableName();
        String catalog = rebuild.getCatalogName();
        String schema = rebuild.getSchemaName();
        SqlGeneratorFactory generators = SqlGeneratorFactory.getInstance();
        if (createsTable(statement, table)) {
            CreateTableStatement create = (CreateTableStatement) statement;
            List<Sql> renamed = new ArrayList<>();
            String original =
                    "CREATE TABLE " + database.escapeTableName(create.getCatalogName(), create.getSchemaName(), table);
            String replacement = "CREATE TABLE "
                    + database.escapeTableName(create.getCatalogName(), create.getSchemaName(), temporary);
            boolean done = false;
            for (Sql sql : generators.generateSql(statement, database)) {
                String text = sql.toSql();
                if (!done && text.regionMatches(true, 0, original, 0, original.length())) {
                    text = replacement + text.substring(original.length());
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
