package dev.libsqljpa.jdbc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.v3.proto.NamedArg;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTextTest {
    @Test
    void countsParametersTheWaySqliteNumbersThem() {
        assertThat(SqlText.of("select ?, ?, ?").parameterCount()).isEqualTo(3);
        assertThat(SqlText.of("select ?3, ?").parameterCount()).isEqualTo(4);
        assertThat(SqlText.of("select :a, :b, :a, $c, @d").parameterCount()).isEqualTo(4);
        assertThat(SqlText.of("select '?', \"?\", [?], `?` -- ?\n /* ? */ , ?").parameterCount())
                .isEqualTo(1);
        assertThat(SqlText.of("select 'it''s ?', ?").parameterCount()).isEqualTo(1);
        assertThat(SqlText.of("select 1").parameterCount()).isZero();
    }

    @Test
    void namedParametersAreSentByNameOnlyToServersThatBindThem() {
        SqlText text = SqlText.of("select :a, @b, :a, $c");
        List<Value> args = List.of(Value.of(1L), Value.of(2L), Value.of(3L));
        Stmt full = text.toStmt(args, true, true);
        assertThat(full.args()).isEmpty();
        assertThat(full.namedArgs()).extracting(NamedArg::name).containsExactly(":a", "@b", "$c");
        Stmt minimal = text.toStmt(args, false, true);
        assertThat(minimal.namedArgs()).isEmpty();
        assertThat(minimal.args()).isEqualTo(args);
        assertThat(SqlText.of("select ?, ?")
                        .toStmt(args.subList(0, 2), true, true)
                        .namedArgs())
                .isEmpty();
    }

    @Test
    void classifiesStatements() {
        assertThat(SqlText.of("  /* c */ select 1").kind()).isEqualTo(SqlText.Kind.QUERY);
        assertThat(SqlText.of("insert into t values (1)").kind()).isEqualTo(SqlText.Kind.INSERT);
        assertThat(SqlText.of("REPLACE into t values (1)").kind()).isEqualTo(SqlText.Kind.INSERT);
        assertThat(SqlText.of("with x as (select 1) insert into t select * from x")
                        .kind())
                .isEqualTo(SqlText.Kind.INSERT);
        assertThat(SqlText.of("with x as (select 1) select * from x").kind()).isEqualTo(SqlText.Kind.QUERY);
        assertThat(SqlText.of("update t set a = 1").kind()).isEqualTo(SqlText.Kind.DML);
        assertThat(SqlText.of("create table t (a)").kind()).isEqualTo(SqlText.Kind.OTHER);
        assertThat(SqlText.of("pragma table_info(t)").mayWrite()).isFalse();
        assertThat(SqlText.of("pragma foreign_keys = on").mayWrite()).isTrue();
        assertThat(SqlText.of("insert into t values (1) returning id").hasReturning())
                .isTrue();
        assertThat(SqlText.of("insert into t values ('returning')").hasReturning())
                .isFalse();
    }

    /**
     * The kind of a statement with a WITH clause comes from the keyword after its CTE list, never from
     * a word anywhere in it: function names that are keywords ({@code replace(}), CTE names that are
     * keywords (SQLite accepts {@code replace} as a name), words in literals, quoted names and comments.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            with x as (select 1) select replace(name, 'a', 'b') from t                       | QUERY
            WITH x AS (SELECT replace(a, 'b', 'c') AS v FROM t) SELECT v FROM x             | QUERY
            with x as (select 1) select * from t where name = 'insert into t values (1)'   | QUERY
            with x as (select 1) select "update", [delete], `replace` from t               | QUERY
            with x as (select 1) /* delete from t */ select 1 -- update t set a = 1        | QUERY
            with "delete" as (select 1) select * from "delete"                             | QUERY
            with replace as (select 1) select * from replace                               | QUERY
            with recursive n(i) as (select 1 union all select i + 1 from n where i < 5) select i from n | QUERY
            with x(a) as (values (1)), y as materialized (select 2) select * from x, y   | QUERY
            with x as not materialized (select replace('a', 'a', 'b')) values (1)        | QUERY
            with x as (select 1) select * from t where updated_at > 0 and deleted = 0     | QUERY
            with x as (select 1) insert into t select * from x                             | INSERT
            with x as (select replace(name, 'a', 'b') as n from t) insert into u select n from x | INSERT
            with x as (select 1) replace into t select * from x                            | INSERT
            with x as (select 1) insert or replace into t select * from x                  | INSERT
            with x as (select 1) insert into t select * from x on conflict do update set a = 1 | INSERT
            with x as (select replace(a, 'b', 'c') as v from t) update t set a = (select v from x) | DML
            with x as (select 1) update t set a = replace(a, 'b', 'c')                     | DML
            with x as (select 1) delete from t where a in (select * from x)                | DML
            with x as (select 'insert') delete from t                                     | DML
            with x as (select 1), y as (select replace('a', 'a', 'b')) delete from t      | DML
            WITH/**/x AS(SELECT 1)DELETE FROM t                                            | DML
            with x as (select 1) select * from (select replace(1, 2, 3))                  | QUERY
            select replace(a, 'b', 'c') from t                                             | QUERY
            replace into t values (1)                                                      | INSERT
            update t set a = replace(a, 'b', 'c')                                          | DML
            ~with x as (select 1)~                                                         | OTHER
            """)
    void classifiesStatementsWithACteByTheirLeadingKeyword(String sql, SqlText.Kind kind) {
        assertThat(SqlText.of(sql).kind()).isEqualTo(kind);
    }

    @Test
    void onlyPlainSingleRowInsertsAreDeferrable() {
        assertThat(SqlText.of("insert into Event (name,id) values (?,?)").isSingleRowInsert())
                .isTrue();
        assertThat(SqlText.of("INSERT INTO t VALUES (?, 'a,b)(c', (1 + ?));").isSingleRowInsert())
                .isTrue();
        assertThat(SqlText.of("insert into t values (1), (2)").isSingleRowInsert())
                .isFalse();
        assertThat(SqlText.of("insert or ignore into t values (1)").isSingleRowInsert())
                .isFalse();
        assertThat(SqlText.of("insert into t values (1) on conflict do nothing").isSingleRowInsert())
                .isFalse();
        assertThat(SqlText.of("insert into t values (1) returning id").isSingleRowInsert())
                .isFalse();
        assertThat(SqlText.of("insert into t select * from u").isSingleRowInsert())
                .isFalse();
        assertThat(SqlText.of("insert into t default values").isSingleRowInsert())
                .isFalse();
        assertThat(SqlText.of("replace into t values (1)").isSingleRowInsert()).isFalse();
        assertThat(SqlText.of("with x as (select 1) insert into t values (1)").isSingleRowInsert())
                .isFalse();
        assertThat(SqlText.of("update t set a = 1").isSingleRowInsert()).isFalse();
    }

    @Test
    void recognisesSelectLastInsertRowidInAnyCaseAndSpacingOnly() {
        assertThat(SqlText.of("select last_insert_rowid()").isLastInsertRowidQuery())
                .isTrue();
        assertThat(SqlText.of("  SELECT\n\tLAST_INSERT_ROWID ( ) ; ").isLastInsertRowidQuery())
                .isTrue();
        assertThat(SqlText.of("select last_insert_rowid();;").isLastInsertRowidQuery())
                .isFalse();
        assertThat(SqlText.of("select last_insert_rowid() + 1").isLastInsertRowidQuery())
                .isFalse();
        assertThat(SqlText.of("select last_insert_rowid").isLastInsertRowidQuery())
                .isFalse();
        assertThat(SqlText.of("select last_\u0130nsert_rowid()").isLastInsertRowidQuery())
                .isFalse();
        assertThat(SqlText.of("").isLastInsertRowidQuery()).isFalse();
    }

    @Test
    void recognisesCallsOfTableValuedPragmasOutsideStringsAndComments() {
        for (String sql : List.of(
                "select * from pragma_table_info('t')",
                "SELECT NAME FROM PRAGMA_INDEX_LIST (?)",
                "with t as (select 'x' obj) select * from t join pragma_table_xinfo(t.obj) c",
                "select * from main.pragma_foreign_key_list('t')",
                "select * from pragma_table_info /* c */ ('t')",
                "select * from pragma_table_info -- c\n ('t')",
                "select * from \"pragma_table_info\"('t')",
                "select * from [pragma_table_info] ('t')",
                "select * from `pragma_index_info`('i')",
                "select * from 'pragma_table_info'('t')",
                "insert into cols select name from pragma_table_info('t')")) {
            assertThat(SqlText.of(sql).readsTablePragma()).describedAs(sql).isTrue();
        }
        for (String sql : List.of(
                "select 'pragma_table_info(''t'')'",
                "select 1 -- pragma_table_info('t')",
                "/* pragma_table_info('t') */ select 1",
                "pragma table_info(t)",
                "PRAGMA foreign_keys=ON",
                "select my_pragma_table_info('t')",
                "select pragma_x from t",
                "select \"pragma_table_info\" from t",
                "insert into t values ('pragma_x', 1)",
                "select :pragma_x (1)")) {
            assertThat(SqlText.of(sql).readsTablePragma()).describedAs(sql).isFalse();
        }
    }
}
