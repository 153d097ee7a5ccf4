package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** A database under test by its libsql-jdbc URL: Liquibase runs on it and plain queries to check the result. */
record TestDatabase(String url) {

    /** A Liquibase for {@code changelog} on a new connection to {@link #url()} + {@code urlSuffix}; close it when done. */
    Liquibase liquibase(String changelog, String urlSuffix) throws Exception {
        Connection connection = DriverManager.getConnection(url + urlSuffix);
        Database database =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        return new Liquibase(changelog, new ClassLoaderResourceAccessor(), database);
    }

    /** Runs {@code update} with {@code changelog} on a connection of its own and closes it. */
    void update(String changelog, String urlSuffix) throws Exception {
        try (Liquibase liquibase = liquibase(changelog, urlSuffix)) {
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }

    List<String> tables() throws SQLException {
        return query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    List<String> indexes(String table) throws SQLException {
        return query(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '" + table + "' ORDER BY name");
    }

    List<String> columns(String table) throws SQLException {
        return query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    }

    /** The table's foreign keys as {@code from->table(to) ON DELETE action}. */
    List<String> foreignKeys(String table) throws SQLException {
        return query("SELECT \"from\" || '->' || \"table\" || '(' || \"to\" || ') ON DELETE ' || on_delete"
                + " FROM pragma_foreign_key_list('" + table + "') ORDER BY id, seq");
    }

    /** The changesets recorded, as {@code id:EXECTYPE} in order. */
    List<String> changeLog() throws SQLException {
        return query("SELECT id || ':' || exectype FROM DATABASECHANGELOG ORDER BY orderexecuted");
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** book still has its 3 rows, its foreign key names author, no temporary table is left, and the key is enforced. */
    void assertChildIntact() throws SQLException {
        assertThat(query("SELECT id || ':' || author_id FROM book ORDER BY id"))
                .describedAs("the child's rows")
                .containsExactly("1:1", "2:1", "3:2");
        assertThat(foreignKeys("book"))
                .describedAs("the child's foreign key")
                .containsExactly("author_id->author(id) ON DELETE CASCADE");
        assertThat(tables()).doesNotContain("author_temporary", "book_temporary");
        assertThatThrownBy(() -> execute("INSERT INTO book (id, author_id, title) VALUES (9, 99, 'Orphan')"))
                .describedAs("the foreign key is enforced")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("FOREIGN KEY");
    }
}
