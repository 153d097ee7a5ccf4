package dev.libsqljpa.hrana.v3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
