package dev.libsqljpa.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;

/**
 * What a table rebuild or an in-place column drop needs to know about a table, read from SQLite's
 * table-valued pragmas on the migration connection: its columns, which of them are part of the
 * primary key, an index (including the automatic index of a {@code UNIQUE} constraint) or one of
 * its own foreign keys, and those foreign keys.
 *
 * @param columns the column names in declaration order; empty if the table does not exist
 * @param primaryKey columns of the primary key, lower case
 * @param indexed columns named by any index of the table, lower case
 * @param foreignKeys the table's own foreign keys (references to other tables)
 */
record TableShape(List<String> columns, Set<String> primaryKey, Set<String> indexed, List<ForeignKey> foreignKeys) {

    /**
     * One foreign key of the table, as {@code PRAGMA foreign_key_list} reports it.
     *
     * @param from the referencing columns of this table
     * @param table the referenced table
     * @param to the referenced columns, or an empty list for "the referenced table's primary key"
     * @param onUpdate the {@code ON UPDATE} action ({@code NO ACTION} when none was given)
     * @param onDelete the {@code ON DELETE} action ({@code NO ACTION} when none was given)
     */
    record ForeignKey(List<String> from, String table, List<String> to, String onUpdate, String onDelete) {

        /** The table-constraint form, {@code FOREIGN KEY ("a") REFERENCES "t" ("b") ON DELETE CASCADE}. */
        String clause() {
            StringBuilder sql = new StringBuilder("FOREIGN KEY (")
                    .append(quoted(from))
                    .append(") REFERENCES ")
                    .append(quote(table));
            if (!to.isEmpty()) {
                sql.append(" (").append(quoted(to)).append(')');
            }
            if (!"NO ACTION".equalsIgnoreCase(onDelete)) {
                sql.append(" ON DELETE ").append(onDelete);
            }
            if (!"NO ACTION".equalsIgnoreCase(onUpdate)) {
                sql.append(" ON UPDATE ").append(onUpdate);
            }
            return sql.toString();
        }

        private static String quoted(List<String> names) {
            return String.join(", ", names.stream().map(TableShape::quote).toList());
        }
    }

    /** Whether the table has a column of that name (SQLite compares column names case-insensitively). */
    boolean hasColumn(String name) {
        return columns.stream().anyMatch(column -> column.equalsIgnoreCase(name));
    }

    /**
     * Whether SQLite can drop the column with {@code ALTER TABLE … DROP COLUMN} as far as the table's
     * structure goes: not in the primary key, not indexed (this covers {@code UNIQUE}), not in a
     * foreign key of the table. SQLite also refuses columns named by a {@code CHECK} constraint, a
     * generated column, a view or a trigger; it reports those itself and changes nothing.
     */
    boolean droppableInPlace(String column) {
        String key = column.toLowerCase(Locale.ROOT);
        return !primaryKey.contains(key)
                && !indexed.contains(key)
                && foreignKeys.stream()
                        .noneMatch(fk -> fk.from().stream().anyMatch(from -> from.equalsIgnoreCase(column)));
    }

    /** The shape of {@code table} on the database's JDBC connection, or null for an offline database. */
    static TableShape read(Database database, String table) throws SQLException {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)
                || database.getConnection() instanceof OfflineConnection) {
            return null;
        }
        return read(jdbc.getUnderlyingConnection(), table);
    }

    static TableShape read(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        Set<String> primaryKey = new TreeSet<>();
        for (List<String> row : rows(connection, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", table)) {
            columns.add(row.get(0));
            if (!"0".equals(row.get(1))) {
                primaryKey.add(row.get(0).toLowerCase(Locale.ROOT));
            }
        }
        Set<String> indexed = new TreeSet<>();
        for (List<String> row : rows(
                connection,
                "SELECT i.name FROM pragma_index_list(?) l JOIN pragma_index_info(l.name) i WHERE i.name IS NOT NULL",
                table)) {
            indexed.add(row.get(0).toLowerCase(Locale.ROOT));
        }
        Map<String, List<List<String>>> keys = new LinkedHashMap<>();
        for (List<String> row : rows(
                connection,
                "SELECT id, \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                table)) {
            keys.computeIfAbsent(row.get(0), id -> new ArrayList<>()).add(row);
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (List<List<String>> key : keys.values()) {
            List<String> first = key.get(0);
            List<String> to = key.stream()
                    .map(row -> row.get(3))
                    .filter(name -> name != null)
                    .toList();
            foreignKeys.add(new ForeignKey(
                    key.stream().map(row -> row.get(1)).toList(), first.get(2), to, first.get(4), first.get(5)));
        }
        return new TableShape(List.copyOf(columns), primaryKey, indexed, List.copyOf(foreignKeys));
    }

    /**
     * A foreign key of {@code child} that references the table at hand.
     *
     * @param child the referencing table (may be the table itself)
     * @param from its referencing columns
     * @param to the referenced columns, lower case (the primary key's when the key names none)
     */
    record Reference(String child, List<String> from, Set<String> to) {

        @Override
        public String toString() {
            return child + "(" + String.join(", ", from) + ")";
        }
    }

    /**
     * The foreign keys of all tables ({@code table} itself included) that reference {@code table}, and
     * the column sets of its {@code UNIQUE} indexes other than the primary key's; null for an offline
     * database.
     */
    record Dependents(TableShape shape, List<Reference> references, Set<Set<String>> uniqueIndexes) {

        /** The references to the primary key that no other unique index could serve: they need the key. */
        List<Reference> needingThePrimaryKey() {
            return references.stream()
                    .filter(reference ->
                            reference.to().equals(shape.primaryKey()) && !uniqueIndexes.contains(reference.to()))
                    .toList();
        }

        /** The references to any of {@code columns}. */
        List<Reference> to(List<String> columns) {
            return references.stream()
                    .filter(reference -> columns.stream()
                            .anyMatch(column -> reference.to().contains(column.toLowerCase(Locale.ROOT))))
                    .toList();
        }
    }

    static Dependents dependents(Database database, String table) throws SQLException {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)
                || database.getConnection() instanceof OfflineConnection) {
            return null;
        }
        Connection connection = jdbc.getUnderlyingConnection();
        TableShape shape = read(connection, table);
        Map<String, Set<String>> unique = new LinkedHashMap<>();
        for (List<String> row : rows(
                connection,
                "SELECT l.name, i.name FROM pragma_index_list(?) l JOIN pragma_index_info(l.name) i"
                        + " WHERE l.\"unique\" = 1 AND l.origin <> 'pk' AND i.name IS NOT NULL",
                table)) {
            unique.computeIfAbsent(row.get(0), name -> new TreeSet<>())
                    .add(row.get(1).toLowerCase(Locale.ROOT));
        }
        Map<String, List<List<String>>> keys = new LinkedHashMap<>();
        for (List<String> row : rows(
                connection,
                "SELECT m.name, f.id, f.\"from\", f.\"to\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f"
                        + " WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE ORDER BY m.name, f.id, f.seq",
                table)) {
            keys.computeIfAbsent(row.get(0) + "\u0000" + row.get(1), key -> new ArrayList<>())
                    .add(row);
        }
        List<Reference> references = new ArrayList<>();
        for (List<List<String>> key : keys.values()) {
            Set<String> to = new TreeSet<>();
            for (List<String> row : key) {
                if (row.get(3) != null) {
                    to.add(row.get(3).toLowerCase(Locale.ROOT));
                }
            }
            references.add(new Reference(
                    key.get(0).get(0),
                    key.stream().map(row -> row.get(2)).toList(),
                    to.isEmpty() ? shape.primaryKey() : to));
        }
        return new Dependents(shape, List.copyOf(references), Set.copyOf(unique.values()));
    }

    private static List<List<String>> rows(Connection connection, String sql, String table) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(width);
                    for (int i = 1; i <= width; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
