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
import dev.libsqljpa.testkit.internal.ServerJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests written by the client codec and read by the test server's codec, and the server's request checks. */
class HranaJsonRoundTripTest {

    private final HranaJson json = new HranaJson();
    private final ServerJson server = new ServerJson();

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

        PipelineRequest decoded = server.decodeRequest(json.encodeRequest(request));

        assertThat(decoded).isEqualTo(request);
    }

    @Test
    void integerSentAsJsonNumberIsRejectedWithItsPath() {
        String body = "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"select ?\","
                + "\"args\":[{\"type\":\"integer\",\"value\":42}]}}]}";

        assertThatThrownBy(() -> server.decodeRequest(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(HranaCodecException.class)
                .hasMessageContaining("$.requests[0].stmt.args[0].value")
                .hasMessageContaining("decimal string");
    }

    @Test
    void paddedAndUnpaddedBase64AreBothAccepted() throws Exception {
        String padded = "{\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"select ?\","
                + "\"args\":[{\"type\":\"blob\",\"base64\":\"AQI=\"}]}}]}";
        String unpadded = padded.replace("AQI=", "AQI");

        Value a = ((ExecuteStreamReq) server.decodeRequest(padded.getBytes(StandardCharsets.UTF_8))
                        .requests()
                        .get(0))
                .stmt()
                .args()
                .get(0);
        Value b = ((ExecuteStreamReq) server.decodeRequest(unpadded.getBytes(StandardCharsets.UTF_8))
                        .requests()
                        .get(0))
                .stmt()
                .args()
                .get(0);

        assertThat(a).isEqualTo(new Value.BlobValue(new byte[] {1, 2})).isEqualTo(b);
    }
}
