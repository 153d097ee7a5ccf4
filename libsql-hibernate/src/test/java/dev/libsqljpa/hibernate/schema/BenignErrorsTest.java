package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tolerance rule, statement by statement, with the texts of sqld, tursodb and sqlite-jdbc. */
class BenignErrorsTest {

    @ParameterizedTest(name = "benign: {0} <- {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // ADD COLUMN X + duplicate column name: X
                "alter table posts add column subtitle varchar(255)|execute failed (HTTP 200): SQLite error: duplicate column name: subtitle",
                "ALTER TABLE \"posts\" ADD COLUMN \"subtitle\" text|execute failed (EXECUTE_ERROR): Parse error: duplicate column name: subtitle",
                "alter table posts add subtitle text|[SQLITE_ERROR] SQL error or missing database (duplicate column name: subtitle)",
                "alter table Posts add column SubTitle text|SQLite error: duplicate column name: subtitle",
                // DROP COLUMN X + no such column: X
                "alter table series drop column published|execute failed (PREPARE_ERROR): Parse error: no such column: \"published\"",
                "alter table series drop column published|SQLite error: no such column: \"published\"",
                "alter table series drop published|[SQLITE_ERROR] SQL error or missing database (no such column: \"published\")",
                // CREATE <kind> X + <kind> X already exists
                "create table posts (id integer)|SQLite error: table posts already exists",
                "create table if not exists posts (id integer)|Parse error: table posts already exists",
                "create index posts_slug_idx on posts (slug)|Parse error: Error: index with name 'posts_slug_idx' already exists.",
                "create unique index if not exists \"posts_slug_idx\" on posts (slug)|SQLite error: index posts_slug_idx already exists",
                "create view v as select 1|Parse error: View v already exists",
            })
    void knownSafeOutcomeOnItsOwnStatementIsBenign(String sql, String message) {
        assertThat(BenignErrors.classify(sql, new SQLException(message))).isPresent();
    }

    @ParameterizedTest(name = "not benign: {0} <- {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the right message on another object
                "alter table posts add column subtitle text|SQLite error: duplicate column name: series_position",
                "alter table series drop column published|SQLite error: no such column: title",
                "create table posts (id integer)|SQLite error: table images already exists",
                "create index a_idx on posts (slug)|SQLite error: index b_idx already exists",
                // the right object on another statement kind
                "alter table posts drop column subtitle|SQLite error: duplicate column name: subtitle",
                "alter table posts add column subtitle text|SQLite error: no such column: subtitle",
                "create index posts on posts (slug)|SQLite error: table posts already exists",
                "create table posts_slug_idx (id integer)|SQLite error: index posts_slug_idx already exists",
                "insert into posts (id) values (1)|SQLite error: table posts already exists",
                "select subtitle from posts|SQLite error: no such column: subtitle",
                "drop table posts|SQLite error: no such table: posts",
                // errors that are never benign
                // SQLite refuses to drop a column an index still uses: the column is NOT gone
                "alter table series drop column published|SQLite error: error in index series_published_idx after drop column: no such column: published",
                "alter table series drop column published|execute failed (SQLITE_UNKNOWN): SQLite error: error in view v after drop column: no such column: published",
                "alter table posts add column subtitle text unique|Cannot add a UNIQUE column in ALTER TABLE statement",
                "alter table posts add column n integer not null|SQLite error: Cannot add a NOT NULL column with default value NULL",
                "alter table series drop column id|SQLite error: cannot drop PRIMARY KEY column: \"id\"",
                "create table posts (id integer)|connecting to http://127.0.0.1:1 failed: ConnectException",
            })
    void anythingElseIsNotBenign(String sql, String message) {
        assertThat(BenignErrors.classify(sql, new SQLException(message))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "alter table posts add column subtitle text|ADD_COLUMN|posts|subtitle",
                "ALTER TABLE main.\"my posts\" ADD \"a b\" text|ADD_COLUMN|my posts|a b",
                "alter table series drop column published|DROP_COLUMN|series|published",
                "create table if not exists posts (id integer)|CREATE_TABLE|posts|",
                "create unique index if not exists posts_slug_idx on posts (slug)|CREATE_INDEX|posts_slug_idx|",
                "alter table posts add constraint fk foreign key (a) references b|OTHER|posts|",
                "drop table if exists posts|OTHER||",
            })
    void statementsAreParsedIntoKindAndObject(String sql, DdlStatement.Kind kind, String table, String column) {
        DdlStatement statement = DdlStatement.parse(sql);
        assertThat(statement.kind()).isEqualTo(kind);
        assertThat(statement.table()).isEqualTo(table);
        assertThat(statement.column()).isEqualTo(column);
    }
}
