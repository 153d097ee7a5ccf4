package dev.libsqljpa.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void countsParametersTheWaySqliteNumbersThem() {
        assertThat(SqlText.of("select ?, ?, ?").parameterCount()).isEqualTo(3);
        assertThat(SqlText.of("select ?3, ?").parameterCount()).isEqualTo(4);
        assertThat(SqlText.of("select :a, :b, :a, $c, @d").parameterCount()).isEqualTo(4);
        assertThat(SqlText.of("select '?', \"?\", [?], `?` -- ?\n /* ? */ , ?").parameterCount()).isEqualTo(1);
        assertThat(SqlText.of("select 'it''s ?', ?").parameterCount()).isEqualTo(1);
        assertThat(SqlText.of("select 1").parameterCount()).isZero();
    }

    @Test
    void classifiesStatements() {
        assertThat(SqlText.of("  /* c */ select 1").kind()).isEqualTo(SqlText.Kind.QUERY);
        assertThat(SqlText.of("insert into t values (1)").kind()).isEqualTo(SqlText.Kind.INSERT);
        assertThat(SqlText.of("REPLACE into t values (1)").kind()).isEqualTo(SqlText.Kind.INSERT);
        assertThat(SqlText.of("with x as (select 1) insert into t select * from x").kind()).isEqualTo(SqlText.Kind.INSERT);
        assertThat(SqlText.of("with x as (select 1) select * from x").kind()).isEqualTo(SqlText.Kind.QUERY);
        assertThat(SqlText.of("update t set a = 1").kind()).isEqualTo(SqlText.Kind.DML);
        assertThat(SqlText.of("create table t (a)").kind()).isEqualTo(SqlText.Kind.OTHER);
        assertThat(SqlText.of("pragma table_info(t)").mayWrite()).isFalse();
        assertThat(SqlText.of("pragma foreign_keys = on").mayWrite()).isTrue();
        assertThat(SqlText.of("insert into t values (1) returning id").hasReturning()).isTrue();
        assertThat(SqlText.of("insert into t values ('returning')").hasReturning()).isFalse();
    }
}
