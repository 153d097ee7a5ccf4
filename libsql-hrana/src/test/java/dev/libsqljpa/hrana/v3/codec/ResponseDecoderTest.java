package dev.libsqljpa.hrana.v3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.RowTable;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming decoder of pipeline answers: same results and same errors as the tree decoder. */
class ResponseDecoderTest {

    private final HranaJson json = new HranaJson();

    private static byte[] utf8(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String execute(String result) {
        return "{'baton':'b','base_url':null,'results':[{'type':'ok','response':{'type':'execute','result':" + result
                + "}}]}";
    }

    private static StmtResult onlyResult(PipelineResponse response) {
        return ((StreamResponse.Execute) ((StreamResult.Ok) response.results().get(0)).response()).result();
    }

    @Test
    void fieldsInAnyOrderDecodeAlike() throws Exception {
        String inOrder = execute("{'cols':[{'name':'a','decltype':'INTEGER'},{'name':'b','decltype':null}],"
                + "'rows':[[{'type':'integer','value':'7'},{'type':'text','value':'x'}]],"
                + "'affected_row_count':0,'last_insert_rowid':null}");
        String reversed = "{'results':[{'response':{'result':{'last_insert_rowid':null,'affected_row_count':0,"
                + "'rows':[[{'value':'7','type':'integer'},{'value':'x','type':'text'}]],"
                + "'cols':[{'decltype':'INTEGER','name':'a'},{'name':'b'}]},'type':'execute'},'type':'ok'}],"
                + "'base_url':null,'baton':'b'}";

        PipelineResponse a = json.decodeResponse(utf8(inOrder));
        PipelineResponse b = json.decodeResponse(utf8(reversed));

        assertThat(b).isEqualTo(a);
        assertThat(onlyResult(a).cols()).containsExactly(new Col("a", "INTEGER"), new Col("b", null));
        assertThat(onlyResult(a).rows()).containsExactly(List.of(Value.of(7L), Value.of("x")));
        assertThat(a.baton()).isEqualTo("b");
    }

    @Test
    void everyValueTypeSurvivesTheCompactRowStorage() throws Exception {
        String body =
                execute("{'cols':[{'name':'n'},{'name':'i'},{'name':'f'},{'name':'t'},{'name':'b'},{'name':'nan'}],"
                        + "'rows':[[{'type':'null'},{'type':'integer','value':'-9223372036854775808'},"
                        + "{'type':'float','value':1.5},{'type':'text','value':'h\\u00e9'},{'type':'blob','base64':'AQI'},"
                        + "{'type':'float','value':null}]],'affected_row_count':0}");

        StmtResult result = onlyResult(json.decodeResponse(utf8(body)));

        assertThat(result.rows()).isInstanceOf(RowTable.class);
        assertThat(result.rows().get(0))
                .containsExactly(
                        Value.NULL,
                        Value.of(Long.MIN_VALUE),
                        Value.of(1.5),
                        Value.of("hé"),
                        Value.of(new byte[] {1, 2}),
                        Value.of(Double.NaN));
    }

    @Test
    void aRowOfTheWrongLengthIsReportedWithItsPathWhateverTheFieldOrder() {
        String colsFirst = execute("{'cols':[{'name':'a'},{'name':'b'}],'rows':["
                + "[{'type':'null'},{'type':'null'}],[{'type':'null'}]]}");
        String rowsFirst = execute("{'rows':[[{'type':'null'},{'type':'null'}],[{'type':'null'}]],"
                + "'cols':[{'name':'a'},{'name':'b'}]}");

        for (String body : List.of(colsFirst, rowsFirst)) {
            assertThatThrownBy(() -> json.decodeResponse(utf8(body)))
                    .isInstanceOf(HranaCodecException.class)
                    .hasMessage(
                            "invalid Hrana JSON at $.results[0].response.result.rows[1]: row has 1 values for 2 columns");
        }
    }

    @Test
    void integerAsJsonNumberOrOutOfRangeIsRejectedWithTheCellPath() {
        String number = execute("{'cols':[{'name':'a'}],'rows':[[{'type':'integer','value':42}]]}");
        String tooBig = execute("{'cols':[{'name':'a'}],'rows':[[{'type':'integer','value':'9223372036854775808'}]]}");

        assertThatThrownBy(() -> json.decodeResponse(utf8(number)))
                .hasMessage("invalid Hrana JSON at $.results[0].response.result.rows[0][0].value:"
                        + " expected an integer as a decimal string");
        assertThatThrownBy(() -> json.decodeResponse(utf8(tooBig)))
                .hasMessage("invalid Hrana JSON at $.results[0].response.result.rows[0][0].value:"
                        + " not a 64-bit integer: '9223372036854775808'");
    }

    @Test
    void unknownValueTypeAndMissingColsAreRejected() {
        String unknownType = execute("{'cols':[{'name':'a'}],'rows':[[{'type':'decimal','value':'1'}]]}");
        String noCols = execute("{'rows':[]}");

        assertThatThrownBy(() -> json.decodeResponse(utf8(unknownType)))
                .hasMessage("invalid Hrana JSON at $.results[0].response.result.rows[0][0].type:"
                        + " unknown value type 'decimal'");
        assertThatThrownBy(() -> json.decodeResponse(utf8(noCols)))
                .hasMessage("invalid Hrana JSON at $.results[0].response.result.cols: expected an array of columns");
    }

    @Test
    void trailingDataAfterTheAnswerIsMalformed() {
        assertThatThrownBy(() -> json.decodeResponse(utf8("{'baton':null,'results':[]} {}")))
                .isInstanceOf(HranaCodecException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void anAnswerSplitIntoManyChunksDecodesLikeOneArray() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            rows.append(i == 0 ? "" : ",")
                    .append("[{'type':'integer','value':'")
                    .append(i)
                    .append("'},{'type':'text','value':'row ")
                    .append(i)
                    .append("'}]");
        }
        byte[] body = utf8(execute("{'cols':[{'name':'i'},{'name':'t'}],'rows':[" + rows + "]}"));
        List<InputStream> chunks = new ArrayList<>();
        for (int at = 0; at < body.length; at += 777) {
            chunks.add(new ByteArrayInputStream(body, at, Math.min(777, body.length - at)));
        }

        StmtResult streamed = onlyResult(json.decodeResponse(new SequenceInputStream(Collections.enumeration(chunks))));

        assertThat(streamed).isEqualTo(onlyResult(json.decodeResponse(body)));
        assertThat(streamed.rows()).hasSize(10_000);
        assertThat(streamed.rows().get(9_999)).containsExactly(Value.of(9_999L), Value.of("row 9999"));
    }

    @Test
    void batchWithSkippedAndFailedStepsDecodes() throws Exception {
        String body = "{'baton':null,'results':[{'type':'ok','response':{'type':'batch','result':{"
                + "'step_results':[{'cols':[],'rows':[],'affected_row_count':1},null,null],"
                + "'step_errors':[null,{'message':'boom','code':'SQLITE_CONSTRAINT'},null]}}}]}";

        StreamResponse.Batch batch = (StreamResponse.Batch)
                ((StreamResult.Ok) json.decodeResponse(utf8(body)).results().get(0)).response();

        assertThat(batch.result().stepResults().get(0).affectedRowCount()).isEqualTo(1);
        assertThat(batch.result().stepResults().subList(1, 3)).containsExactly(null, null);
        assertThat(batch.result().stepErrors().get(1).code()).isEqualTo("SQLITE_CONSTRAINT");
    }

    @Test
    void numberFieldsAreReadAsNumbersOrDecimalStrings() throws Exception {
        String body = execute("{'cols':[],'rows':[],'affected_row_count':'3','last_insert_rowid':'-7',"
                + "'replication_index':'18446744073709551615','rows_read':12,'rows_written':null,"
                + "'query_duration_ms':0.25}");

        StmtResult result = onlyResult(json.decodeResponse(utf8(body)));

        assertThat(result.affectedRowCount()).isEqualTo(3);
        assertThat(result.lastInsertRowid()).isEqualTo(-7L);
        assertThat(result.replicationIndex()).isEqualTo(-1L); // 2^64 - 1, unsigned
        assertThat(result.rowsRead()).isEqualTo(12);
        assertThat(result.rowsWritten()).isZero();
        assertThat(result.queryDurationMs()).isEqualTo(0.25);
    }

    @Test
    void aNumberFieldOfTheWrongKindIsRejectedWithItsPath() {
        String prefix = "invalid Hrana JSON at $.results[0].response.result.";
        assertThatThrownBy(() -> json.decodeResponse(utf8(execute("{'cols':[],'rows':[],'affected_row_count':true}"))))
                .isInstanceOf(HranaCodecException.class)
                .hasMessage(prefix + "affected_row_count: expected a 64-bit integer");
        assertThatThrownBy(() -> json.decodeResponse(utf8(execute("{'cols':[],'rows':[],'rows_read':1.5}"))))
                .hasMessage(prefix + "rows_read: expected a 64-bit integer");
        assertThatThrownBy(() -> json.decodeResponse(
                        utf8(execute("{'cols':[],'rows':[],'last_insert_rowid':9223372036854775808}"))))
                .hasMessage(prefix + "last_insert_rowid: expected a 64-bit integer");
        assertThatThrownBy(() -> json.decodeResponse(utf8(execute("{'cols':[],'rows':[],'replication_index':-1}"))))
                .hasMessage(prefix + "replication_index: expected an unsigned 64-bit integer");
        assertThatThrownBy(
                        () -> json.decodeResponse(utf8(execute("{'cols':[],'rows':[],'query_duration_ms':{'ms':1}}"))))
                .hasMessage(prefix + "query_duration_ms: expected a number");
        // The columns are checked first, whatever the order of the fields; a later copy of a field counts.
        assertThatThrownBy(() -> json.decodeResponse(utf8(execute("{'affected_row_count':'x','rows':[]}"))))
                .hasMessage(prefix + "cols: expected an array of columns");
        assertThatThrownBy(() -> json.decodeResponse(
                        utf8(execute("{'rows_written':'x','rows_read':[1],'rows_written':2,'cols':[],'rows':[]}"))))
                .hasMessage(prefix + "rows_read: expected a 64-bit integer");
    }

    @Test
    void partsBeforeTheirTypeAndErrorsDecodeInAnyOrder() throws Exception {
        String body = "{'results':["
                + "{'response':{'result':{'rows':[],'cols':[],'affected_row_count':'2'},'type':'execute'},'type':'ok'},"
                + "{'error':{'code':'SQLITE_BUSY','message':'busy'},'type':'error'},"
                + "{'response':{'is_autocommit':false,'type':'get_autocommit'},'type':'ok','error':7},"
                + "{'type':'ok','response':{'type':'describe','result':{'params':[{'name':':a'},{}],"
                + "'cols':[{'name':'x','decltype':'TEXT'}],'is_explain':false,'is_readonly':true}}}],'baton':null}";

        List<StreamResult> results = json.decodeResponse(utf8(body)).results();

        assertThat(results).hasSize(4);
        assertThat(onlyResult(new PipelineResponse(null, null, results.subList(0, 1)))
                        .affectedRowCount())
                .isEqualTo(2);
        assertThat(((StreamResult.Failure) results.get(1)).error())
                .isEqualTo(new HranaError("busy", "SQLITE_BUSY", null));
        assertThat(((StreamResult.Ok) results.get(2)).response()).isEqualTo(new StreamResponse.GetAutocommit(false));
        assertThat(((StreamResult.Ok) results.get(3)).response())
                .isEqualTo(new StreamResponse.Describe(new DescribeResult(
                        List.of(new DescribeResult.DescribeParam(":a"), new DescribeResult.DescribeParam(null)),
                        List.of(new DescribeResult.DescribeCol("x", "TEXT")),
                        false,
                        true)));
    }

    @Test
    void malformedErrorsAndFlagsAreRejectedWithTheirPath() {
        String prefix = "invalid Hrana JSON at $.results[0].";
        assertThatThrownBy(() -> json.decodeResponse(
                        utf8("{'results':[{'error':{'message':'m','code':5}," + "'type':'error'}]}")))
                .isInstanceOf(HranaCodecException.class)
                .hasMessage(prefix + "error.code: expected a string or null");
        assertThatThrownBy(() -> json.decodeResponse(utf8("{'results':[{'type':'error','error':{'code':'C'}}]}")))
                .hasMessage(prefix + "error.message: expected an error message string");
        assertThatThrownBy(() -> json.decodeResponse(utf8("{'results':[{'type':'error','error':'boom'}]}")))
                .hasMessage(prefix + "error: expected an object");
        assertThatThrownBy(() -> json.decodeResponse(utf8(
                        "{'results':[{'type':'ok','response':" + "{'type':'get_autocommit','is_autocommit':'yes'}}]}")))
                .hasMessage(prefix + "response.is_autocommit: expected a boolean");
        assertThatThrownBy(() -> json.decodeResponse(utf8("{'results':[{'type':'ok','response':"
                        + "{'type':'describe','result':{'params':[],'cols':[],'is_explain':1}}}]}")))
                .hasMessage(prefix + "response.result.is_explain: expected a boolean");
        assertThatThrownBy(() -> json.decodeResponse(
                        utf8("{'results':[{'type':'ok','response':" + "{'result':{'cols':[]},'type':'execute'}}]}")))
                .hasMessage(prefix + "response.result.rows: expected an array of rows");
        assertThatThrownBy(() -> json.decodeResponse(utf8("{'results':[{'type':'ok','response':"
                        + "{'type':'batch','result':{'step_results':[null],'step_errors':[{'message':1}]}}}]}")))
                .hasMessage(prefix + "response.result.step_errors[0].message: expected an error message string");
    }
}
