package dev.libsqljpa.hrana.v3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HranaJsonTest {

    private final HranaJson json = new HranaJson();

    @Test
    void requestRoundTripsEveryValueTypeAndCondition() throws Exception {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        Stmt stmt = Stmt.of(
                "insert into t values (?, ?, ?, ?, ?)",
                Value.of(Long.MIN_VALUE),
                Value.of(1.5),
                Value.of("héllo \"q\" \u2603"),
                Value.of(allBytes),
                Value.NULL);
        PipelineRequest request = new PipelineRequest(
                "b4t0n",
                List.of(
                        new ExecuteStreamReq(stmt),
                        new BatchStreamReq(new Batch(List.of(
                                new BatchStep(null, Stmt.of("BEGIN")),
                                new BatchStep(
                                        new BatchCond.And(List.of(
                                                new BatchCond.Ok(0), new BatchCond.Not(new BatchCond.Error(0)))),
                                        stmt)))),
                        new CloseStreamReq()));

        PipelineRequest decoded = json.decodeRequest(json.encodeRequest(request));

        assertThat(decoded).isEqualTo(request);
    }

    @Test
    void integersAndBlobsAreWrittenAsPlainStringsWithoutEscapesOrPadding() {
        byte[] body = json.encodeRequest(new PipelineRequest(
                null,
                List.of(new ExecuteStreamReq(Stmt.of(
                        "select ?, ?", Value.of(Long.MAX_VALUE), Value.of(new byte[] {(byte) 0xfb, (byte) 0xff}))))));
        String text = new String(body, StandardCharsets.UTF_8);

        assertThat(text)
                .contains("{\"type\":\"integer\",\"value\":\"9223372036854775807\"}")
                .contains("{\"type\":\"blob\",\"base64\":\"+/8\"}")
                .doesNotContain("\\u")
                .doesNotContain("\\/");
    }

    @Test
    void integerSentAsJsonNumberIsRejectedWithItsPath() {
        String body = "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"select ?\","
                + "\"args\":[{\"type\":\"integer\",\"value\":42}]}}]}";

        assertThatThrownBy(() -> json.decodeRequest(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(HranaCodecException.class)
                .hasMessageContaining("$.requests[0].stmt.args[0].value")
                .hasMessageContaining("decimal string");
    }

    @Test
    void paddedAndUnpaddedBase64AreBothAccepted() throws Exception {
        String padded = "{\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"select ?\","
                + "\"args\":[{\"type\":\"blob\",\"base64\":\"AQI=\"}]}}]}";
        String unpadded = padded.replace("AQI=", "AQI");

        Value a = ((ExecuteStreamReq) json.decodeRequest(padded.getBytes(StandardCharsets.UTF_8))
                        .requests()
                        .get(0))
                .stmt()
                .args()
                .get(0);
        Value b = ((ExecuteStreamReq) json.decodeRequest(unpadded.getBytes(StandardCharsets.UTF_8))
                        .requests()
                        .get(0))
                .stmt()
                .args()
                .get(0);

        assertThat(a).isEqualTo(new Value.BlobValue(new byte[] {1, 2})).isEqualTo(b);
    }

    @Test
    void truncatedJsonIsAClearCodecError() {
        assertThatThrownBy(() -> json.decodeResponse("{\"baton\":\"x\",\"results\":[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(HranaCodecException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void pipelineToStringNeverShowsTheBaton() {
        assertThat(new PipelineRequest("secret-baton", List.of()).toString()).doesNotContain("secret-baton");
    }
}
