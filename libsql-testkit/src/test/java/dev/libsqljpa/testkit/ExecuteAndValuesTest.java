package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.blob;
import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static dev.libsqljpa.testkit.RawHrana.floatValue;
import static dev.libsqljpa.testkit.RawHrana.integer;
import static dev.libsqljpa.testkit.RawHrana.named;
import static dev.libsqljpa.testkit.RawHrana.nullValue;
import static dev.libsqljpa.testkit.RawHrana.stmt;
import static dev.libsqljpa.testkit.RawHrana.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code execute}: values, result fields and in-band errors exactly as sqld sends them. */
class ExecuteAndValuesTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private RawHrana hrana;

    @BeforeEach
    void setUp(LibsqlTestServer server) {
        hrana = new RawHrana(server.url());
        RawHrana.Response response = hrana.v3(
                null,
                execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100) UNIQUE NOT NULL, "
                        + "score REAL, avatar BLOB, note)"),
                close());
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void everyValueTypeRoundTripsWithSqldEncoding() {
        RawHrana.Response response = hrana.v3(
                null,
                execute(
                        "INSERT INTO users (id, email, score, avatar, note) VALUES (?, ?, ?, ?, ?)",
                        integer(Long.MAX_VALUE),
                        text("a\"b\\c\u00e9\u2603"),
                        floatValue(1.5),
                        blob("AQID/w=="),
                        nullValue()),
                execute("SELECT id, email, score, avatar, note, -9223372036854775808 AS min, 1e999 AS inf FROM users"),
                close());

        assertThat(response.status()).isEqualTo(200);
        JsonNode row = response.ok(1).get("rows").get(0);
        assertThat(row.get(0).toString()).isEqualTo("{\"type\":\"integer\",\"value\":\"9223372036854775807\"}");
        assertThat(row.get(1).get("value").asText()).isEqualTo("a\"b\\c\u00e9\u2603");
        assertThat(row.get(2).toString()).isEqualTo("{\"type\":\"float\",\"value\":1.5}");
        assertThat(row.get(3).toString())
                .describedAs("blobs go out as unpadded base64 (padded input accepted)")
                .isEqualTo("{\"type\":\"blob\",\"base64\":\"AQID/w\"}");
        assertThat(row.get(4).toString()).isEqualTo("{\"type\":\"null\"}");
        assertThat(row.get(5).get("value").asText()).isEqualTo("-9223372036854775808");
        assertThat(row.get(6).toString())
                .describedAs("non-finite floats come out as null")
                .isEqualTo("{\"type\":\"float\",\"value\":null}");
    }

    @Test
    void columnsCarryDeclaredTypesAndNullForExpressions() {
        RawHrana.Response response =
                hrana.v3(null, execute("SELECT id, email AS mail, 1 + 1 AS two FROM users"), close());

        JsonNode result = response.ok(0);
        assertThat(result.get("cols").toString())
                .isEqualTo(
                        "[{\"name\":\"id\",\"decltype\":\"INTEGER\"},{\"name\":\"mail\",\"decltype\":\"VARCHAR(100)\"},"
                                + "{\"name\":\"two\",\"decltype\":null}]");
        assertThat(result.get("rows"))
                .describedAs("cols are present even without rows")
                .isEmpty();
    }

    @Test
    void affectedRowCountOnlyForDmlAndLastInsertRowidOnlyForInsert() {
        RawHrana.Response response = hrana.v3(
                null,
                execute("INSERT INTO users (email) VALUES ('a'), ('b')"),
                execute("UPDATE users SET score = 2"),
                execute("SELECT * FROM users"),
                execute("DELETE FROM users WHERE email = 'a'"),
                execute("CREATE TABLE other (x)"),
                close());

        JsonNode insert = response.ok(0);
        assertThat(insert.get("affected_row_count").asLong()).isEqualTo(2);
        assertThat(insert.get("last_insert_rowid").asText()).isEqualTo("2");
        assertThat(insert.get("last_insert_rowid").isTextual()).isTrue();
        JsonNode update = response.ok(1);
        assertThat(update.get("affected_row_count").asLong()).isEqualTo(2);
        assertThat(update.get("last_insert_rowid").isNull()).isTrue();
        JsonNode select = response.ok(2);
        assertThat(select.get("affected_row_count").asLong()).isZero();
        assertThat(select.get("last_insert_rowid").isNull()).isTrue();
        assertThat(select.get("rows_read").asLong()).isEqualTo(2);
        assertThat(response.ok(3).get("affected_row_count").asLong()).isEqualTo(1);
        assertThat(response.ok(4).get("affected_row_count").asLong())
                .describedAs("DDL")
                .isZero();
    }

    @Test
    void wantRowsFalseDropsRowsButKeepsColumns() {
        ObjectNode stmt = stmt("SELECT 1 AS one");
        stmt.put("want_rows", false);
        RawHrana.Response response = hrana.v3(null, execute(stmt), close());

        assertThat(response.ok(0).get("rows")).isEmpty();
        assertThat(response.ok(0).get("cols").get(0).get("name").asText()).isEqualTo("one");
    }

    @Test
    void namedArgumentsMatchWithOrWithoutPrefix() {
        RawHrana.Response response = hrana.v3(
                null,
                execute(named("SELECT :a, @b, $c, :a", "a", integer(1), "@b", text("x"), "c", nullValue())),
                close());

        JsonNode row = response.ok(0).get("rows").get(0);
        assertThat(row.get(0).get("value").asText()).isEqualTo("1");
        assertThat(row.get(1).get("value").asText()).isEqualTo("x");
        assertThat(row.get(2).get("type").asText()).isEqualTo("null");
        assertThat(row.get(3).get("value").asText()).isEqualTo("1");
    }

    @Test
    void numberedPositionalParametersTakeTheirPosition() {
        RawHrana.Response response = hrana.v3(null, execute("SELECT ?2, ?1", integer(1), integer(2)), close());

        JsonNode row = response.ok(0).get("rows").get(0);
        assertThat(row.get(0).get("value").asText()).isEqualTo("2");
        assertThat(row.get(1).get("value").asText()).isEqualTo("1");
    }

    @Test
    void argumentErrorsAreInBand() {
        ObjectNode both = stmt("SELECT ?", integer(1));
        both.set("named_args", named("x", "a", integer(1)).get("named_args"));
        RawHrana.Response response = hrana.v3(
                null,
                execute("SELECT ?, ?", integer(1)),
                execute("SELECT ?", integer(1), integer(2)),
                execute(both),
                execute(named("SELECT :a", "b", integer(1))),
                execute("SELECT 1"),
                close());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.error(0).get("code").asText()).isEqualTo("ARGS_INVALID");
        assertThat(response.error(0).get("message").asText()).contains("value for parameter 2 not found");
        assertThat(response.error(1).get("code").asText()).isEqualTo("ARGS_INVALID");
        assertThat(response.error(1).get("message").asText()).contains("too many parameters");
        assertThat(response.error(2).get("code").asText()).isEqualTo("ARGS_BOTH_POSITIONAL_AND_NAMED");
        assertThat(response.error(3).get("code").asText()).isEqualTo("ARGS_INVALID");
        assertThat(response.ok(4).get("rows")).hasSize(1);
    }

    @Test
    void statementCountErrorsAreInBand() {
        RawHrana.Response response = hrana.v3(
                null,
                execute("  -- only a comment\n ; "),
                execute("SELECT 1; SELECT 2"),
                execute("SELECT 1;"),
                execute("SELEC 1"),
                close());

        assertThat(response.error(0).get("code").asText()).isEqualTo("SQL_NO_STATEMENT");
        assertThat(response.error(1).get("code").asText()).isEqualTo("SQL_MANY_STATEMENTS");
        assertThat(response.ok(2).get("rows")).hasSize(1);
        assertThat(response.error(3).get("code").asText()).isEqualTo("SQL_PARSE_ERROR");
    }

    @Test
    void sqliteErrorsUseSqldCodesAndMessages() {
        RawHrana.Response response = hrana.v3(
                null,
                execute("INSERT INTO users (email) VALUES ('dup')"),
                execute("INSERT INTO users (email) VALUES ('dup')"),
                execute("INSERT INTO users (email) VALUES (NULL)"),
                execute("SELECT * FROM missing"),
                execute("ALTER TABLE users ADD COLUMN note TEXT"),
                close());

        assertThat(response.error(1).toString())
                .isEqualTo(
                        "{\"message\":\"SQLite error: UNIQUE constraint failed: users.email\",\"code\":\"SQLITE_CONSTRAINT\"}");
        assertThat(response.error(2).get("message").asText())
                .isEqualTo("SQLite error: NOT NULL constraint failed: users.email");
        assertThat(response.error(3).toString())
                .describedAs("generic code 1 has no name on sqld")
                .isEqualTo("{\"message\":\"SQLite error: no such table: missing\",\"code\":\"SQLITE_UNKNOWN\"}");
        assertThat(response.error(4).get("message").asText()).isEqualTo("SQLite error: duplicate column name: note");
        assertThat(hrana.column("SELECT email FROM users")).containsExactly("dup");
    }

    @Test
    void errorsSqliteLocatesInTheTextAreSqlInputErrors() {
        RawHrana.Response response = hrana.v3(
                null,
                execute("SELECT nope FROM users"),
                execute("  SELECT id, users.missing FROM users"),
                execute("SELECT nosuchfn(1)"),
                RawHrana.describe("SELECT nope FROM users"),
                close());

        assertThat(response.error(0).toString())
                .isEqualTo(
                        "{\"message\":\"SQL input error: no such column: nope (at offset 7)\",\"code\":\"SQL_INPUT_ERROR\"}");
        assertThat(response.error(1).get("message").asText())
                .isEqualTo("SQL input error: no such column: users.missing (at offset 11)");
        assertThat(response.error(2).get("code").asText()).isEqualTo("SQL_INPUT_ERROR");
        assertThat(response.error(3).get("code").asText()).isEqualTo("SQL_INPUT_ERROR");
    }
}
