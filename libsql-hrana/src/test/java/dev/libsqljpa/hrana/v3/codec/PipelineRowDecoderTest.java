package dev.libsqljpa.hrana.v3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.RowsHead;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelineRowDecoder}: a pipeline answer read while it arrives. The rows come out one at a time
 * however the body is cut into reads; the decoder reads no further than the row it hands out; a body
 * that breaks off, is not JSON or has an unexpected token fails with a message that says so.
 */
class PipelineRowDecoderTest {

    private final HranaJson json = new HranaJson();

    private static final String COLS = "\"cols\":[{\"name\":\"id\",\"decltype\":\"INTEGER\"},{\"name\":\"v\"}]";
    private static final String ROW1 = "[{\"type\":\"integer\",\"value\":\"1\"},{\"type\":\"text\",\"value\":\"é\"}]";
    private static final String ROW2 = "[{\"type\":\"integer\",\"value\":\"2\"},{\"type\":\"float\",\"value\":2.5}]";
    private static final String ROW3 =
            "[{\"type\":\"integer\",\"value\":\"3\"},{\"type\":\"blob\",\"base64\":\"AP8\"}]";
    private static final String ROW4 = "[{\"type\":\"integer\",\"value\":\"4\"},{\"type\":\"null\"}]";

    private static String execute(String rows) {
        return "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\","
                + "\"result\":{" + COLS + ",\"rows\":[" + rows + "],\"affected_row_count\":0,"
                + "\"last_insert_rowid\":null}}}]}";
    }

    /** A batch: step 0 (no rows) before, step 1 the main step with rows, step 2 after; its step errors. */
    private static String batch(String rows, String stepErrors) {
        String empty = "{\"cols\":[],\"rows\":[],\"affected_row_count\":0,\"last_insert_rowid\":null}";
        return "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"batch\","
                + "\"result\":{\"step_results\":[" + empty + ",{" + COLS + ",\"rows\":[" + rows
                + "],\"affected_row_count\":0,\"last_insert_rowid\":null}," + empty + "],"
                + "\"step_errors\":" + stepErrors + "}}}]}";
    }

    private static List<Value> row(long id, Value v) {
        return List.of(Value.of(id), v);
    }

    /** Hands out the body {@code perRead} bytes per read. */
    private static InputStream inReads(String body, int perRead) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, perRead), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private RowsHead.Streaming open(PipelineRowDecoder decoder, int main) throws HranaCodecException {
        RowsHead opened = decoder.open(main);
        assertThat(opened).isInstanceOf(RowsHead.Streaming.class);
        return (RowsHead.Streaming) opened;
    }

    private static List<List<Value>> readAll(PipelineRowDecoder decoder, List<List<Value>> into)
            throws HranaCodecException {
        for (List<Value> r = decoder.nextRow(); r != null; r = decoder.nextRow()) {
            into.add(r);
        }
        return into;
    }

    @Test
    void rowsSplitAcrossReadsComeOutWholeAndInOrder() throws Exception {
        for (int perRead : new int[] {1, 2, 7, 64}) {
            try (PipelineRowDecoder decoder =
                    json.pipelineRowDecoder(inReads(execute(ROW1 + "," + ROW2 + "," + ROW3 + "," + ROW4), perRead))) {
                RowsHead.Streaming s = open(decoder, 0);
                assertThat(s.cols()).containsExactly(new Col("id", "INTEGER"), new Col("v", null));
                assertThat(s.resultsBefore()).isEmpty();
                assertThat(readAll(decoder, new ArrayList<>()))
                        .describedAs("%d bytes per read", perRead)
                        .containsExactly(
                                row(1, Value.of("é")),
                                row(2, Value.of(2.5)),
                                row(3, Value.of(new byte[] {0, (byte) 0xff})),
                                row(4, Value.NULL));
                assertThat(decoder.nextRow()).isNull();
                BatchResult rest = decoder.rest();
                assertThat(rest.stepResults()).hasSize(1);
                assertThat(rest.stepResults().get(0).rows().size()).isZero();
                assertThat(rest.stepErrors()).containsExactly((HranaError) null);
            }
        }
    }

    @Test
    void aRowIsHandedOutBeforeTheBodyBeyondItIsRead() throws Exception {
        String body = execute(ROW1 + "," + ROW2);
        int endOfRow1 = body.getBytes(StandardCharsets.UTF_8).length
                - ("," + ROW2 + "],\"affected_row_count\":0,\"last_insert_rowid\":null}}}]}")
                        .getBytes(StandardCharsets.UTF_8)
                        .length;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean[] gateOpen = {false};
        InputStream gated = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= endOfRow1 && !gateOpen[0]) {
                    throw new IOException("read past the first row before it was handed out");
                }
                if (at >= bytes.length) {
                    return -1;
                }
                int limit = gateOpen[0] ? bytes.length : endOfRow1;
                int n = Math.min(len, limit - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        };
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(gated)) {
            open(decoder, 0);
            assertThat(decoder.nextRow()).isEqualTo(row(1, Value.of("é")));
            gateOpen[0] = true;
            assertThat(decoder.nextRow()).isEqualTo(row(2, Value.of(2.5)));
            assertThat(decoder.nextRow()).isNull();
        }
    }

    @Test
    void inABatchTheStepsBeforeComeWithTheColumnsAndTheRestAfterTheRows() throws Exception {
        String errors = "[null,null,{\"message\":\"later step failed\",\"code\":\"SQLITE_ERROR\"}]";
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(batch(ROW1 + "," + ROW2, errors), 5))) {
            RowsHead.Streaming s = open(decoder, 1);
            assertThat(s.resultsBefore()).hasSize(1);
            assertThat(readAll(decoder, new ArrayList<>()))
                    .containsExactly(row(1, Value.of("é")), row(2, Value.of(2.5)));
            BatchResult rest = decoder.rest();
            assertThat(rest.stepResults()).hasSize(3);
            assertThat(rest.stepErrors().get(1)).isNull();
            assertThat(rest.stepErrors().get(2).message()).isEqualTo("later step failed");
        }
    }

    @Test
    void anErrorForTheMainStepAfterItsRowsIsReportedInTheRest() throws Exception {
        String errors = "[null,{\"message\":\"interrupted\",\"code\":\"SQLITE_INTERRUPT\"},null]";
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(batch(ROW1, errors), 3))) {
            open(decoder, 1);
            assertThat(readAll(decoder, new ArrayList<>())).containsExactly(row(1, Value.of("é")));
            assertThat(decoder.rest().stepErrors().get(1))
                    .describedAs("the caller sees the error that came after the rows")
                    .isEqualTo(new HranaError("interrupted", "SQLITE_INTERRUPT", null));
        }
    }

    @Test
    void aRequestThatFailedAsAWholeIsFailed() throws Exception {
        String body = "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"error\","
                + "\"error\":{\"message\":\"no such table: t\",\"code\":\"SQLITE_ERROR\"}}]}";
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(body, 4))) {
            RowsHead opened = decoder.open(0);
            assertThat(opened).isInstanceOf(RowsHead.Failed.class);
            assertThat(((RowsHead.Failed) opened).error().message()).isEqualTo("no such table: t");
        }
    }

    @Test
    void aBodyCutShortWithinTheRowsFailsAfterTheCompleteRows() throws Exception {
        String whole = execute(ROW1 + "," + ROW2 + "," + ROW3);
        String cut = whole.substring(0, whole.indexOf(ROW3) + ROW3.length() / 2);
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(cut, 9))) {
            open(decoder, 0);
            assertThat(decoder.nextRow()).isEqualTo(row(1, Value.of("é")));
            assertThat(decoder.nextRow()).isEqualTo(row(2, Value.of(2.5)));
            assertThatThrownBy(decoder::nextRow)
                    .isInstanceOf(HranaCodecException.class)
                    .hasMessageStartingWith("unreadable answer");
        }
    }

    @Test
    void aBodyThatEndsBetweenRowsOrAfterThemFailsAfterTheRowsBefore() throws Exception {
        String two = execute(ROW1 + "," + ROW2);
        String one = execute(ROW1);
        for (String cut : new String[] {
            two.substring(0, two.indexOf(ROW2)), one.substring(0, one.indexOf("\"affected_row_count\""))
        }) {
            try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(cut, 9))) {
                open(decoder, 0);
                assertThat(decoder.nextRow()).isEqualTo(row(1, Value.of("é")));
                assertThatThrownBy(decoder::nextRow)
                        .describedAs("body ending with: %s", cut.substring(cut.length() - 20))
                        .isInstanceOf(HranaCodecException.class)
                        .hasMessageContaining("end-of-input"); // a clean end of the body at a token boundary
            }
        }
    }

    @Test
    void malformedJsonMidRowsFailsAfterTheRowsBefore() throws Exception {
        String body = execute(ROW1 + ",[{\"type\":\"integer\",\"value\":\"2\"} {\"type\":\"null\"}]");
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(body, 6))) {
            open(decoder, 0);
            assertThat(decoder.nextRow()).isEqualTo(row(1, Value.of("é")));
            assertThatThrownBy(decoder::nextRow)
                    .isInstanceOf(HranaCodecException.class)
                    .hasMessageStartingWith("malformed JSON");
        }
    }

    @Test
    void aRowThatIsNotAnArrayNamesItsPlace() throws Exception {
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(execute(ROW1 + ",{\"id\":2}"), 8))) {
            open(decoder, 0);
            assertThat(decoder.nextRow()).isEqualTo(row(1, Value.of("é")));
            assertThatThrownBy(decoder::nextRow)
                    .isInstanceOf(HranaCodecException.class)
                    .hasMessageContaining("rows[1]")
                    .hasMessageContaining("expected an array of values");
        }
    }

    @Test
    void aRowWithTheWrongNumberOfValuesFails() throws Exception {
        try (PipelineRowDecoder decoder =
                json.pipelineRowDecoder(inReads(execute("[{\"type\":\"integer\",\"value\":\"1\"}]"), 8))) {
            open(decoder, 0);
            assertThatThrownBy(decoder::nextRow)
                    .isInstanceOf(HranaCodecException.class)
                    .hasMessageContaining("row has 1 values for 2 columns");
        }
    }

    @Test
    void aValueOfAnUnknownTypeFails() throws Exception {
        String body = execute("[{\"type\":\"integer\",\"value\":\"1\"},{\"type\":\"decimal\",\"value\":\"1\"}]");
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(body, 8))) {
            open(decoder, 0);
            assertThatThrownBy(decoder::nextRow)
                    .isInstanceOf(HranaCodecException.class)
                    .hasMessageContaining("decimal");
        }
    }

    @Test
    void rowsBeforeTheColumnsCannotBeStreamed() {
        String body =
                "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\","
                        + "\"result\":{\"rows\":[" + ROW1 + "]," + COLS + ",\"affected_row_count\":0}}}]}";
        assertThatThrownBy(() -> json.pipelineRowDecoder(inReads(body, 8)).open(0))
                .isInstanceOf(HranaCodecException.class)
                .hasMessageContaining("expected before the rows");
    }

    @Test
    void aTokenAfterTheDocumentFails() throws Exception {
        try (PipelineRowDecoder decoder = json.pipelineRowDecoder(inReads(execute(ROW1) + " {}", 8))) {
            open(decoder, 0);
            assertThat(decoder.nextRow()).isEqualTo(row(1, Value.of("é")));
            assertThatThrownBy(decoder::nextRow)
                    .isInstanceOf(HranaCodecException.class)
                    .hasMessageContaining("Trailing token");
        }
    }

    @Test
    void anEmptyBodyFailsToOpen() {
        assertThatThrownBy(() -> json.pipelineRowDecoder(new ByteArrayInputStream(new byte[0]))
                        .open(0))
                .isInstanceOf(HranaCodecException.class)
                .hasMessageStartingWith("unreadable answer");
    }
}
