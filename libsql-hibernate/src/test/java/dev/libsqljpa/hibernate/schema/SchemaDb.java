package dev.libsqljpa.hibernate.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A database the schema scenarios run against: its JDBC URL, plus raw SQL access for assertions. */
interface SchemaDb {

    /** A database at {@code jdbcUrl} with no extra settings. */
    static SchemaDb at(String jdbcUrl) {
        return at(jdbcUrl, Map.of());
    }

    /** A database at {@code jdbcUrl} with extra Hibernate settings. */
    static SchemaDb at(String jdbcUrl, Map<String, Object> settings) {
        return new SchemaDb() {
            @Override
            public String jdbcUrl() {
                return jdbcUrl;
            }

            @Override
            public Map<String, Object> settings() {
                return settings;
            }
        };
    }

    /** The JDBC URL Hibernate uses. */
    String jdbcUrl();

    /** Settings to add for this database (dialect, driver options). */
    Map<String, Object> settings();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    default void exec(String... statements) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    default List<String> columns(String table) throws SQLException {
        return strings("select name from pragma_table_info('" + table + "') order by cid");
    }

    default List<String> tables() throws SQLException {
        return strings("select name from sqlite_schema where type = 'table' and name not like 'sqlite%' "
                + "and name not like '%turso_internal%' order by name");
    }

    default List<String> indexes() throws SQLException {
        return strings("select name from sqlite_schema where type = 'index' and sql is not null order by name");
    }

    default List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
