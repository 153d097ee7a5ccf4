package dev.libsqljpa.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statement splitter, parameter numbering and statement kinds. */
class SqlLexerTest {

    private static List<String> texts(String sql) {
        return SqlLexer.split(sql).stream().map(SqlLexer.Statement::sql).toList();
    }

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        assertThat(texts("SELECT 'a;b'; SELECT \"c;d\" -- x;y\n; SELECT [e;f], `g;h` /* ; */"))
                .containsExactly("SELECT 'a;b';", "SELECT \"c;d\" -- x;y\n;", "SELECT [e;f], `g;h` /* ; */");
        assertThat(texts("SELECT 'it''s;'")).containsExactly("SELECT 'it''s;'");
    }

    @Test
    void emptyStatementsDoNotCount() {
        assertThat(SqlLexer.split("")).isEmpty();
        assertThat(SqlLexer.split(" ;; -- c\n /* d */ ;")).isEmpty();
        assertThat(texts(";SELECT 1;;")).containsExactly("SELECT 1;");
    }

    @Test
    void triggerBodiesStayInOneStatement() {
        String trigger = "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END; "
                + "DELETE FROM u; END;";
        assertThat(texts(trigger + " SELECT 1")).containsExactly(trigger, "SELECT 1");
    }

    @Test
    void parametersAreNumberedLikeSqlite() {
        SqlLexer.Statement statement =
                SqlLexer.split("SELECT ?, :a, ?5, @b, :a, ?, $c::d").get(0);
        assertThat(statement.paramNames())
                .containsExactlyElementsOf(Arrays.asList(null, ":a", null, null, "?5", "@b", null, "$c::d"));
        assertThat(SqlLexer.split("SELECT ':notaparam', \"?\"").get(0).paramCount())
                .isZero();
    }

    @Test
    void statementKindsFollowSqld() {
        assertThat(kind("insert into t values (1)")).isEqualTo(SqlLexer.Kind.INSERT);
        assertThat(kind("REPLACE INTO t VALUES (1)")).isEqualTo(SqlLexer.Kind.INSERT);
        assertThat(kind("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x")).isEqualTo(SqlLexer.Kind.INSERT);
        assertThat(kind("WITH x AS (DELETE FROM t) SELECT 1")).isEqualTo(SqlLexer.Kind.SELECT);
        assertThat(kind("UPDATE t SET a = 1")).isEqualTo(SqlLexer.Kind.UPDATE);
        assertThat(kind("DELETE FROM t")).isEqualTo(SqlLexer.Kind.DELETE);
        assertThat(kind("BEGIN IMMEDIATE")).isEqualTo(SqlLexer.Kind.BEGIN_WRITE);
        assertThat(kind("BEGIN")).isEqualTo(SqlLexer.Kind.BEGIN);
        assertThat(kind("PRAGMA foreign_keys = ON")).isEqualTo(SqlLexer.Kind.PRAGMA_WRITE);
        assertThat(kind("PRAGMA table_info(t)")).isEqualTo(SqlLexer.Kind.PRAGMA_READ);
        assertThat(kind("CREATE TABLE t (a)")).isEqualTo(SqlLexer.Kind.DDL);
        assertThat(SqlLexer.split("SELECT 1").get(0).readonly()).isTrue();
        assertThat(SqlLexer.split("CREATE TABLE t (a)").get(0).takesWriteLock()).isTrue();
    }

    private static SqlLexer.Kind kind(String sql) {
        return SqlLexer.split(sql).get(0).kind();
    }
}
