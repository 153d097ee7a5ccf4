package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.util.LiquibaseUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Liquibase on libSQL through this module, against the in-JVM libSQL server. Runs twice (surefire
 * executions default-test and liquibase-newest): on Liquibase 4.31.1 and 4.33.0.
 */
class LiquibaseLibsqlTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private final AtomicInteger prepareCalls = new AtomicInteger();
    private final List<Connection> opened = new ArrayList<>();

    private String url() {
        return "jdbc:libsql:" + libsql.server().url();
    }

    /** A Liquibase on a connection that counts prepareCall (which libsql-jdbc does not support). */
    private Liquibase liquibase(String changelog, String urlSuffix) throws SQLException, LiquibaseException {
        Connection real = DriverManager.getConnection(url() + urlSuffix);
        opened.add(real);
        Connection counting = (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareCall")) {
                        prepareCalls.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Database database =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(counting));
        return new Liquibase(changelog, new ClassLoaderResourceAccessor(), database);
    }

    /** Runs update on a connection of its own and closes it (Liquibase leaves it in manual-commit mode). */
    private void update(String changelog, String urlSuffix) throws Exception {
        Liquibase liquibase = liquibase(changelog, urlSuffix);
        try {
            liquibase.update(new Contexts(), new LabelExpression());
        } finally {
            liquibase.close();
        }
    }

    @AfterEach
    void closeConnections() throws Exception {
        for (Connection connection : opened) {
            if (!connection.isClosed()) {
                connection.close();
            }
        }
    }

    @Test
    void runsOnTheLiquibaseVersionOfThisExecution() {
        assertThat(LiquibaseUtil.getBuildVersion()).isEqualTo(System.getProperty("expected.liquibase.version"));
    }

    @Test
    void aLibsqlConnectionGetsTheLibsqlDatabase() throws Exception {
        Liquibase liquibase = liquibase("changelog/base.xml", "");

        assertThat(liquibase.getDatabase()).isInstanceOf(LibsqlDatabase.class);
        assertThat(liquibase.getDatabase().getShortName()).isEqualTo("libsql");
    }

    @Test
    void updateAddsColumnsToAReferencedTableInPlaceWithForeignKeysOn() throws Exception {
        Liquibase liquibase = liquibase("changelog/base.xml", "");

        liquibase.update(new Contexts(), new LabelExpression());

        assertThat(columns("author")).containsExactly("id", "name", "bio", "active");
        assertThat(query("SELECT group_concat(active) FROM author")).containsExactly("1,1");
        assertThat(query("SELECT count(*) FROM book")).containsExactly("3");
        assertThat(foreignKeyTargets("book")).containsExactly("author");
        assertThat(tables()).doesNotContain("author_temporary");
        assertThat(prepareCalls.get()).describedAs("prepareCall calls").isZero();
        assertThat(query("SELECT count(*) FROM DATABASECHANGELOG")).containsExactly("3");
    }

    @Test
    void aRebuildOfAReferencedTableIsRefusedWhileForeignKeysAreEnforced() throws Exception {
        update("changelog/base.xml", "");
        Liquibase liquibase = liquibase("changelog/unique.xml", "");

        assertThatThrownBy(() -> liquibase.update(new Contexts(), new LabelExpression()))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("rebuilds table author")
                .hasStackTraceContaining("[book] reference")
                .hasStackTraceContaining("foreignKeys=false");

        assertThat(columns("author")).doesNotContain("code");
        assertThat(query("SELECT count(*) FROM book")).containsExactly("3");
        assertThat(foreignKeyTargets("book")).containsExactly("author");
        assertThat(tables()).doesNotContain("author_temporary");
        assertThat(query("SELECT count(*) FROM DATABASECHANGELOG")).containsExactly("3");
    }

    @Test
    void aRebuildOfAParentTableKeepsEveryChildRowAndReference() throws Exception {
        update("changelog/base.xml", "");
        assertThat(query("SELECT id || ':' || author_id FROM book ORDER BY id")).containsExactly("1:1", "2:1", "3:2");

        update("changelog/unique.xml", "?foreignKeys=false");

        assertThat(columns("author")).containsExactly("id", "name", "bio", "active", "code");
        assertThat(query("SELECT id || ':' || name FROM author ORDER BY id")).containsExactly("1:Ada", "2:Grace");
        assertThat(query("SELECT id || ':' || author_id FROM book ORDER BY id"))
                .describedAs("child rows after the rebuild of their parent")
                .containsExactly("1:1", "2:1", "3:2");
        assertThat(foreignKeyTargets("book"))
                .describedAs("the child's foreign key target")
                .containsExactly("author");
        assertThat(tables()).doesNotContain("author_temporary");
        assertThatThrownBy(() -> execute("INSERT INTO book (id, author_id, title) VALUES (4, 99, 'Orphan')"))
                .describedAs("the foreign key is still enforced against the rebuilt author")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("FOREIGN KEY");
        assertThatThrownBy(() -> execute("UPDATE author SET code = 'x'"))
                .describedAs("the new column is unique")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("UNIQUE");
    }

    @Test
    void statusAndRollbackOfAnAddColumnOnTheParent() throws Exception {
        Liquibase liquibase = liquibase("changelog/base.xml", "");
        assertThat(liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()))
                .hasSize(3);
        liquibase.update(new Contexts(), new LabelExpression());
        assertThat(liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()))
                .isEmpty();

        liquibase.rollback(1, null);

        assertThat(columns("author"))
                .describedAs("addColumn rolled back by its explicit rollback")
                .containsExactly("id", "name");
        assertThat(query("SELECT count(*) FROM book")).containsExactly("3");
        assertThat(foreignKeyTargets("book")).containsExactly("author");
        assertThat(tables()).doesNotContain("author_temporary");
        assertThat(liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()))
                .extracting(changeSet -> changeSet.getId())
                .containsExactly("3");
        assertThat(prepareCalls.get()).isZero();
    }

    private List<String> tables() throws SQLException {
        return query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    private List<String> columns(String table) throws SQLException {
        return query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    }

    private List<String> foreignKeyTargets(String table) throws SQLException {
        return query("SELECT \"table\" FROM pragma_foreign_key_list('" + table + "')");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
