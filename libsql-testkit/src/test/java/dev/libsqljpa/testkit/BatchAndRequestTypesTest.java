package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.and;
import static dev.libsqljpa.testkit.RawHrana.batch;
import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.closeSql;
import static dev.libsqljpa.testkit.RawHrana.describe;
import static dev.libsqljpa.testkit.RawHrana.error;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static dev.libsqljpa.testkit.RawHrana.not;
import static dev.libsqljpa.testkit.RawHrana.ok;
import static dev.libsqljpa.testkit.RawHrana.or;
import static dev.libsqljpa.testkit.RawHrana.sequence;
import static dev.libsqljpa.testkit.RawHrana.simple;
import static dev.libsqljpa.testkit.RawHrana.step;
import static dev.libsqljpa.testkit.RawHrana.storeSql;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** batch (all conditions), sequence, describe, store_sql/close_sql, get_autocommit; v2 versus v3. */
class BatchAndRequestTypesTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private RawHrana hrana;
    private LibsqlTestServer server;

    @BeforeEach
    void setUp(LibsqlTestServer server) {
        this.server = server;
        hrana = new RawHrana(server.url());
        assertThat(hrana.v3(null, execute("CREATE TABLE t (x INTEGER UNIQUE)"), close())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void batchLikeLibsqlClientCommitsWhenAllStepsSucceed() {
        RawHrana.Response response = hrana.v3(
                null,
                batch(
                        step("BEGIN IMMEDIATE"),
                        step(ok(0), "INSERT INTO t VALUES (1)"),
                        step(ok(1), "INSERT INTO t VALUES (2)"),
                        step(ok(2), "COMMIT"),
                        step(not(ok(3)), "ROLLBACK")),
                close());

        JsonNode result = response.ok(0);
        assertThat(result.get("step_results")).hasSize(5);
        assertThat(result.get("step_results").get(4).isNull())
                .describedAs("skipped")
                .isTrue();
        assertThat(result.get("step_errors").get(4).isNull()).isTrue();
        assertThat(result.get("step_results").get(1).get("affected_row_count").asInt())
                .isEqualTo(1);
        assertThat(hrana.column("SELECT x FROM t ORDER BY x")).containsExactly("1", "2");
    }

    @Test
    void failedStepSkipsDependentStepsAndRollsBack() {
        hrana.v3(null, execute("INSERT INTO t VALUES (2)"), close());

        RawHrana.Response response = hrana.v3(
                null,
                batch(
                        step("BEGIN"),
                        step(ok(0), "INSERT INTO t VALUES (1)"),
                        step(ok(1), "INSERT INTO t VALUES (2)"),
                        step(ok(2), "COMMIT"),
                        step(not(ok(3)), "ROLLBACK")),
                close());

        JsonNode result = response.ok(0);
        assertThat(result.get("step_errors").get(2).get("code").asText()).isEqualTo("SQLITE_CONSTRAINT");
        assertThat(result.get("step_results").get(2).isNull()).isTrue();
        assertThat(result.get("step_results").get(3).isNull())
                .describedAs("COMMIT skipped")
                .isTrue();
        assertThat(result.get("step_errors").get(3).isNull()).isTrue();
        assertThat(result.get("step_results").get(4).isObject())
                .describedAs("ROLLBACK ran")
                .isTrue();
        assertThat(hrana.column("SELECT x FROM t")).containsExactly("2");
    }

    @Test
    void conditionsCombineAndErrorIsTrueForSkippedSteps() {
        RawHrana.Response response = hrana.v3(
                null,
                batch(
                        step("SELECT 1"),
                        step("SELECT nope"),
                        step(error(1), "SELECT 'error(1)'"),
                        step(and(ok(0), error(1)), "SELECT 'and'"),
                        step(or(ok(1), not(ok(0))), "SELECT 'or-false'"),
                        step(ok(4), "SELECT 'skipped'"),
                        step(error(4), "SELECT 'error-of-skipped'"),
                        step(simple("is_autocommit"), "SELECT 'autocommit'")),
                close());

        JsonNode results = response.ok(0).get("step_results");
        assertThat(results.get(0).isObject()).isTrue();
        assertThat(response.ok(0).get("step_errors").get(1).get("code").asText())
                .isEqualTo("SQL_INPUT_ERROR");
        assertThat(results.get(2).isObject()).isTrue();
        assertThat(results.get(3).isObject()).isTrue();
        assertThat(results.get(4).isNull()).isTrue();
        assertThat(results.get(5).isNull()).isTrue();
        assertThat(results.get(6).isObject())
                .describedAs("sqld: error(n) = not ok(n)")
                .isTrue();
        assertThat(results.get(7).isObject()).isTrue();
    }

    @Test
    void conditionOnTheCurrentOrALaterStepIs400() {
        for (JsonNode cond : new JsonNode[] {ok(1), error(5), not(ok(1)), and(ok(0), ok(1)), ok(-1)}) {
            RawHrana.Response response = hrana.v3(null, batch(step("SELECT 1"), step(cond, "SELECT 2")));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Invalid reference to step in a batch condition");
        }
        assertThat(server.counters().openStreams())
                .describedAs("each 400 ended its stream")
                .isZero();
    }

    @Test
    void statementErrorsOfAnyStepFailTheWholeBatchInBand() {
        RawHrana.Response response = hrana.v3(
                null,
                batch(step("INSERT INTO t VALUES (1)"), step("SELEC 2")),
                batch(step("INSERT INTO t VALUES (1)"), step("SELECT 1; SELECT 2")),
                close());

        assertThat(response.error(0).get("code").asText()).isEqualTo("SQL_PARSE_ERROR");
        assertThat(response.error(1).get("code").asText()).isEqualTo("SQL_MANY_STATEMENTS");
        assertThat(hrana.column("SELECT x FROM t")).describedAs("no step ran").isEmpty();
    }

    @Test
    void v3OnlyFeaturesAre400OnV2() {
        RawHrana.Response autocommitRequest = hrana.v2(null, simple("get_autocommit"));
        assertThat(autocommitRequest.status()).isEqualTo(400);
        assertThat(autocommitRequest.body()).contains("`get_autocommit`").contains("hrana3");

        RawHrana.Response autocommitCond = hrana.v2(null, batch(step(simple("is_autocommit"), "SELECT 1")));
        assertThat(autocommitCond.status()).isEqualTo(400);
        assertThat(autocommitCond.body()).contains("`is_autocommit`");

        RawHrana.Response v2 = hrana.v2(null, batch(step("SELECT 1"), step(ok(0), "SELECT 2")), close());
        assertThat(v2.status()).isEqualTo(200);
        assertThat(v2.ok(0).get("step_results")).hasSize(2);
        assertThat(hrana.v3(null, simple("get_autocommit"), close())
                        .result(0)
                        .get("response")
                        .get("is_autocommit")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void sequenceRunsStatementsUntilTheFirstError() {
        RawHrana.Response response = hrana.v3(
                null,
                sequence("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);\n-- comment\nINSERT INTO t VALUES (3)"),
                sequence("INSERT INTO t VALUES (4); INSERT INTO t VALUES (1); INSERT INTO t VALUES (5)"),
                sequence("INSERT INTO t VALUES (6); SELEC 1"),
                close());

        assertThat(response.result(0).toString()).isEqualTo("{\"type\":\"ok\",\"response\":{\"type\":\"sequence\"}}");
        assertThat(response.error(1).get("code").asText()).isEqualTo("SQLITE_CONSTRAINT");
        assertThat(response.error(2).get("code").asText()).isEqualTo("SQL_PARSE_ERROR");
        assertThat(hrana.column("SELECT x FROM t ORDER BY x"))
                .describedAs("a parse error stops the sequence before it starts")
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void sequenceKeepsTriggerBodiesTogether() {
        RawHrana.Response response = hrana.v3(
                null,
                sequence("CREATE TABLE log (m TEXT);"
                        + "CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('a;b'); "
                        + "INSERT INTO log VALUES (CASE WHEN new.x > 0 THEN 'pos' ELSE 'neg' END); END;"
                        + "INSERT INTO t VALUES (9)"),
                close());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result(0).get("type").asText()).isEqualTo("ok");
        assertThat(hrana.column("SELECT m FROM log")).containsExactly("a;b", "pos");
    }

    @Test
    void describeReportsParamsColumnsAndFlags() {
        RawHrana.Response response = hrana.v3(
                null,
                describe("SELECT x, x + 1 AS y FROM t WHERE x = :a OR x = ? OR x = ?5"),
                describe("INSERT INTO t VALUES (1)"),
                describe("EXPLAIN SELECT 1"),
                describe("SELECT * FROM missing"),
                close());

        JsonNode select = response.ok(0);
        assertThat(select.get("params").toString())
                .isEqualTo("[{\"name\":\":a\"},{\"name\":null},{\"name\":null},{\"name\":null},{\"name\":\"?5\"}]");
        assertThat(select.get("cols").toString())
                .isEqualTo("[{\"name\":\"x\",\"decltype\":\"INTEGER\"},{\"name\":\"y\",\"decltype\":null}]");
        assertThat(select.get("is_explain").asBoolean()).isFalse();
        assertThat(select.get("is_readonly").asBoolean()).isTrue();
        assertThat(response.ok(1).get("is_readonly").asBoolean()).isFalse();
        assertThat(response.ok(2).get("is_explain").asBoolean()).isTrue();
        assertThat(response.error(3).get("code").asText()).isEqualTo("SQLITE_UNKNOWN");
        assertThat(hrana.column("SELECT count(*) FROM t"))
                .describedAs("describe does not execute")
                .containsExactly("0");
    }

    @Test
    void storedSqlIsUsableByIdUntilClosed() {
        ObjectNode byId = RawHrana.F.objectNode().put("sql_id", 7);
        String baton = hrana.v3(
                        null,
                        storeSql(7, "INSERT INTO t VALUES (42)"),
                        execute(byId),
                        batch(stepById(7)),
                        closeSql(7),
                        closeSql(999))
                .baton();

        assertThat(hrana.column("SELECT count(*) FROM t")).containsExactly("1");
        RawHrana.Response afterClose = hrana.v3(baton, execute(byId));
        assertThat(afterClose.status()).isEqualTo(400);
        assertThat(afterClose.body()).isEqualTo("SQL text 7 not found");
    }

    private static ObjectNode stepById(int id) {
        ObjectNode step = RawHrana.F.objectNode();
        step.putObject("stmt").put("sql_id", id);
        return step;
    }

    @Test
    void storeSqlLimitsAndReusedIds() {
        String baton = hrana.v3(null, storeSql(1, "SELECT 1")).baton();
        RawHrana.Response tooLarge = hrana.v3(baton, storeSql(2, "SELECT '" + "x".repeat(5000) + "'"));
        assertThat(tooLarge.error(0).get("code").asText()).isEqualTo("SQL_STORE_TOO_LARGE");

        ObjectNode[] many = new ObjectNode[50];
        for (int i = 0; i < 50; i++) {
            many[i] = storeSql(100 + i, "SELECT " + i);
        }
        RawHrana.Response tooMany = hrana.v3(tooLarge.baton(), many);
        assertThat(tooMany.ok(48)).isNull();
        assertThat(tooMany.result(48).get("type").asText()).isEqualTo("ok");
        assertThat(tooMany.error(49).get("code").asText()).isEqualTo("SQL_STORE_TOO_MANY");

        RawHrana.Response reused = hrana.v3(tooMany.baton(), storeSql(1, "SELECT 2"));
        assertThat(reused.status()).describedAs("sqld rejects a reused id").isEqualTo(400);
        assertThat(reused.body()).isEqualTo("SQL text 1 already exists");
    }

    @Test
    void sqlAndSqlIdTogetherOrNeitherIs400() {
        ObjectNode both = RawHrana.F.objectNode().put("sql", "SELECT 1").put("sql_id", 1);
        RawHrana.Response response = hrana.v3(null, execute(both));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Either `sql` or `sql_id` are required, but not both");

        RawHrana.Response neither = hrana.v3(null, execute(RawHrana.F.objectNode()));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body()).isEqualTo("Either `sql` or `sql_id` are required");
    }
}
