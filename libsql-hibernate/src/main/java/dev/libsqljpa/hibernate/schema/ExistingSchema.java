package dev.libsqljpa.hibernate.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables, columns and index names of a database, read with ONE query (one request on libSQL):
 * {@code sqlite_schema} joined with {@code pragma_table_info} for the columns, plus the index rows.
 * Names are looked up case-insensitively, as SQLite compares identifiers.
 */
final class ExistingSchema {

    static final String QUERY = "select 'c', m.name, p.name, p.type, p.\"notnull\", p.pk "
            + "from sqlite_schema m join pragma_table_info(m.name) p "
            + "where m.type = 'table' and substr(m.name, 1, 7) <> 'sqlite_' "
            + "and substr(m.name, 1, 17) <> '__turso_internal_' "
            + "union all select 'i', m.tbl_name, m.name, null, null, null from sqlite_schema m "
            + "where m.type = 'index' "
            + "union all select 'v', m.name, null, null, null, null from sqlite_schema m where m.type = 'view'";

    /** One column as the database declares it. */
    record ColumnInfo(String name, String type, boolean notNull, boolean primaryKey) {}

    /** One table and its columns in declaration order. */
    record TableInfo(String name, Map<String, ColumnInfo> columns) {
        ColumnInfo column(String columnName) {
            return columns.get(key(columnName));
        }
    }

    private final Map<String, TableInfo> tables;
    private final Set<String> indexes;
    private final Set<String> views;

    private ExistingSchema(Map<String, TableInfo> tables, Set<String> indexes, Set<String> views) {
        this.tables = tables;
        this.indexes = indexes;
        this.views = views;
    }

    static ExistingSchema read(Connection connection) throws SQLException {
        return read(connection, 0);
    }

    /** Reads the schema with a query timeout in seconds (0 = none). */
    static ExistingSchema read(Connection connection, int timeoutSeconds) throws SQLException {
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        Set<String> indexes = new HashSet<>();
        Set<String> views = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            if (timeoutSeconds > 0) {
                statement.setQueryTimeout(timeoutSeconds);
            }
            try (ResultSet rs = statement.executeQuery(QUERY)) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    String owner = rs.getString(2);
                    if ("c".equals(kind)) {
                        TableInfo table =
                                tables.computeIfAbsent(key(owner), k -> new TableInfo(owner, new LinkedHashMap<>()));
                        String column = rs.getString(3);
                        String type = rs.getString(4);
                        table.columns()
                                .put(
                                        key(column),
                                        new ColumnInfo(
                                                column,
                                                type == null ? "" : type,
                                                rs.getInt(5) != 0,
                                                rs.getInt(6) != 0));
                    } else if ("i".equals(kind)) {
                        indexes.add(key(rs.getString(3)));
                    } else if ("v".equals(kind)) {
                        views.add(key(owner));
                    } else {
                        throw new SQLException("unexpected row kind " + kind + " in schema query");
                    }
                }
            }
        }
        return new ExistingSchema(Collections.unmodifiableMap(tables), indexes, views);
    }

    TableInfo table(String name) {
        return tables.get(key(name));
    }

    boolean hasIndex(String name) {
        return indexes.contains(key(name));
    }

    boolean hasView(String name) {
        return views.contains(key(name));
    }

    static String key(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
