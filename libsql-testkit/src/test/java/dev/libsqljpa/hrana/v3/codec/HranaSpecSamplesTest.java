package dev.libsqljpa.hrana.v3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
import dev.libsqljpa.hrana.v3.proto.DescribeStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.NamedArg;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.SequenceStreamReq;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StoreSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.testkit.internal.ServerJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Samples of every Hrana 3 pipeline shape (written for this project, in
 * {@code src/test/resources/hrana/v3/}), decoded field by field, re-encoded and decoded again.
 * Several samples carry fields this client does not know; they must be ignored.
 */
class HranaSpecSamplesTest {

    private final HranaJson json = new HranaJson();
    private final ServerJson server = new ServerJson();

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = HranaSpecSamplesTest.class.getResourceAsStream("/hrana/v3/" + name)) {
            assertThat(in).describedAs("sample %s on the test class path", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void executeRequestsWithEveryValueTypeAndNamedArguments() throws Exception {
        PipelineRequest request = server.decodeRequest(sample("request-execute.json"));

        assertThat(request.baton()).isNull();
        assertThat(request.requests()).hasSize(2);
        Stmt positional = ((ExecuteStreamReq) request.requests().get(0)).stmt();
        assertThat(positional.args())
                .containsExactly(
                        Value.of(Long.MIN_VALUE),
                        Value.of("Persuasion \u2013 \"1817\""),
                        Value.of(12.5),
                        Value.of(new byte[] {0, 1, 2, 3, (byte) 0xff}),
                        Value.NULL);
        assertThat(positional.wantRows()).isTrue();
        Stmt named = ((ExecuteStreamReq) request.requests().get(1)).stmt();
        assertThat(named.namedArgs())
                .containsExactly(
                        new NamedArg(":author", Value.of("Jane Austen")), new NamedArg("year", Value.of(1800L)));
        assertThat(named.wantRows()).isFalse();
        assertThat(named.replicationIndex()).isEqualTo(-1L).describedAs("u64 max as unsigned");

        assertThat(server.decodeRequest(json.encodeRequest(request))).isEqualTo(request);
    }

    @Test
    void streamRequestsOfEveryTypeWithCloseLast() throws Exception {
        PipelineRequest request = server.decodeRequest(sample("request-stream-ops.json"));

        assertThat(request.baton()).isEqualTo("c3RyZWFtLWJhdG9uLWV4YW1wbGU");
        assertThat(request.requests())
                .extracting(StreamRequest::type)
                .containsExactly(
                        "store_sql",
                        "execute",
                        "close_sql",
                        "sequence",
                        "describe",
                        "get_autocommit",
                        "batch",
                        "close");
        assertThat(request.requests().get(0))
                .isEqualTo(new StoreSqlStreamReq(7, "SELECT title FROM book WHERE id = ?"));
        assertThat(((ExecuteStreamReq) request.requests().get(1)).stmt().sqlId())
                .isEqualTo(7);
        assertThat(request.requests().get(3))
                .isEqualTo(new SequenceStreamReq("CREATE TABLE a (x); CREATE TABLE b (y);", null));
        assertThat(request.requests().get(4)).isEqualTo(new DescribeStreamReq("SELECT ?1, :name", null));
        BatchStreamReq batch = (BatchStreamReq) request.requests().get(6);
        assertThat(batch.batch().steps()).hasSize(4);
        assertThat(batch.batch().steps().get(0).condition()).isNull();
        assertThat(batch.batch().steps().get(2).condition())
                .isEqualTo(new BatchCond.And(
                        List.of(new BatchCond.Ok(1), new BatchCond.Not(new BatchCond.IsAutocommit()))));
        assertThat(batch.batch().steps().get(3).condition())
                .isEqualTo(new BatchCond.Or(List.of(new BatchCond.Error(1), new BatchCond.Not(new BatchCond.Ok(2)))));

        assertThat(server.decodeRequest(json.encodeRequest(request))).isEqualTo(request);
    }

    @Test
    void responseWithResultsOfEveryTypeIgnoringUnknownFields() throws Exception {
        PipelineResponse response = json.decodeResponse(sample("response-results.json"));

        assertThat(response.baton()).isEqualTo("bmV4dC1iYXRvbi1leGFtcGxl");
        assertThat(response.baseUrl()).isEqualTo("https://replica-2.db.example.com");
        List<StreamResult> results = response.results();
        assertThat(results).hasSize(9);

        StmtResult execute = ((StreamResponse.Execute) ok(results.get(0))).result();
        assertThat(execute.cols()).containsExactly(new Col("id", "INTEGER"), new Col("price * 2", null));
        assertThat(execute.rows().get(0)).containsExactly(Value.of(Long.MAX_VALUE), Value.of(25.0));
        assertThat(((Value.FloatValue) execute.rows().get(1).get(1)).value()).isNaN();
        assertThat(execute.affectedRowCount()).isEqualTo(2);
        assertThat(execute.lastInsertRowid()).isEqualTo(2L);
        assertThat(execute.replicationIndex()).isEqualTo(12L);
        assertThat(execute.rowsRead()).isEqualTo(5);
        assertThat(execute.rowsWritten()).isEqualTo(2);
        assertThat(execute.queryDurationMs()).isEqualTo(0.25);

        StreamResponse.Batch batch = (StreamResponse.Batch) ok(results.get(1));
        assertThat(batch.result().stepResults()).hasSize(3);
        assertThat(batch.result().stepResults().get(0)).isNotNull();
        assertThat(batch.result().stepResults().get(1)).isNull();
        assertThat(batch.result().stepErrors().get(1))
                .isEqualTo(new HranaError(
                        "SQLite error: UNIQUE constraint failed: book.isbn",
                        "SQLITE_CONSTRAINT",
                        "SQLITE_CONSTRAINT_UNIQUE"));
        assertThat(batch.result().stepResults().get(2))
                .describedAs("skipped step")
                .isNull();
        assertThat(batch.result().stepErrors().get(2)).isNull();

        assertThat(results.get(2))
                .isEqualTo(new StreamResult.Failure(
                        new HranaError("SQLite error: no such table: shelf", "SQLITE_UNKNOWN")));
        DescribeResult describe = ((StreamResponse.Describe) ok(results.get(3))).result();
        assertThat(describe.params())
                .containsExactly(new DescribeResult.DescribeParam(null), new DescribeResult.DescribeParam(":name"));
        assertThat(describe.isReadonly()).isTrue();
        assertThat(describe.isExplain()).isFalse();
        assertThat(ok(results.get(4))).isEqualTo(new StreamResponse.GetAutocommit(false));
        assertThat(results.subList(5, 9))
                .extracting(r -> ok(r).type())
                .containsExactly("store_sql", "close_sql", "sequence", "close");

        PipelineResponse again = json.decodeResponse(server.encodeResponse(response));
        assertThat(again.baton()).isEqualTo(response.baton());
        assertThat(again.results()).isEqualTo(response.results());
    }

    @Test
    void errorBodiesOfEveryShape() throws Exception {
        assertThat(json.decodeErrorBodyOrNull(sample("error-stream-expired.json")))
                .isEqualTo(new HranaError("The stream has expired due to inactivity", "STREAM_EXPIRED"));
        assertThat(json.decodeErrorBodyOrNull(sample("error-field.json")))
                .isEqualTo(new HranaError("Authorization failed: the JWT has expired", null));
        assertThat(json.decodeErrorBodyOrNull(sample("error-field-with-code.json")))
                .isEqualTo(new HranaError("Stream not found", "STREAM_NOT_FOUND"));
        assertThat(json.decodeErrorBodyOrNull("<html><body>502</body></html>".getBytes()))
                .isNull();
        assertThat(json.decodeErrorBodyOrNull("Received an invalid baton".getBytes()))
                .isNull();
        assertThat(json.decodeErrorBodyOrNull(new byte[0])).isNull();
    }

    private static StreamResponse ok(StreamResult result) {
        assertThat(result).isInstanceOf(StreamResult.Ok.class);
        return ((StreamResult.Ok) result).response();
    }
}
