package dev.libsqljpa.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a test server's SQLite file directly (sqlite-jdbc, read only): the schema as the database really has it,
 * independent of the driver and Hibernate under test.
 */
public final class DatabaseFile {

    private DatabaseFile() {}

    /** Column names in table order. */
    public static List<String> columns(Path database, String table) {
        return strings(database, "select name from pragma_table_info(?) order by cid", table);
    }

    /** Foreign keys as {@code column->table(column)}. */
    public static List<String> foreignKeys(Path database, String table) {
        return strings(
                database,
                "select \"from\" || '->' || \"table\" || '(' || coalesce(\"to\", '') || ')' "
                        + "from pragma_foreign_key_list(?) order by \"from\"",
                table);
    }

    /** Every schema object with its CREATE text, sorted: equal dumps mean an unchanged schema. */
    public static List<String> schema(Path database) {
        return strings(
                database,
                "select type || ' ' || name || ': ' || coalesce(sql, '') from sqlite_schema "
                        + "where name not like 'sqlite_%' order by type, name");
    }

    /** The first column of every row of a query, as text. */
    public static List<String> strings(Path database, String sql, String... parameters) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }
}
