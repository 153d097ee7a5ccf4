package dev.libsqljpa.testkit;

import static dev.libsqljpa.testkit.RawHrana.close;
import static dev.libsqljpa.testkit.RawHrana.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Truncated and mutated pipeline bodies (fixed seed): only 200 or 400, the server stays up, the database intact. */
@ExtendWith(LibsqlServerExtension.class)
class GarbageInputTest {

    @Test
    void truncatedAndMutatedBodiesNeverBreakTheServer(LibsqlTestServer server) {
        RawHrana hrana = new RawHrana(server.url());
        assertThat(hrana.v3(
                                null,
                                execute("CREATE TABLE t (x INTEGER, y TEXT)"),
                                execute("INSERT INTO t VALUES (1, 'a')"),
                                close())
                        .status())
                .isEqualTo(200);
        String valid = RawHrana.pipelineBody(
                null,
                execute("INSERT INTO t VALUES (?, ?)", RawHrana.integer(2), RawHrana.text("b")),
                RawHrana.batch(
                        RawHrana.step("SELECT * FROM t"), RawHrana.step(RawHrana.ok(0), "DELETE FROM t WHERE x = 2")),
                close());
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        int ok = 0;
        for (int round = 0; round < 300; round++) {
            byte[] body;
            if (round < bytes.length && round % 2 == 0) {
                body = Arrays.copyOf(bytes, round * bytes.length / 300);
            } else {
                body = bytes.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    String noise = "{}[]\",:0a \\";
                    body[random.nextInt(body.length)] = (byte) noise.charAt(random.nextInt(noise.length()));
                }
            }
            RawHrana.Response response = hrana.post("/v3/pipeline", new String(body, StandardCharsets.UTF_8));
            assertThat(response.status())
                    .describedAs(new String(body, StandardCharsets.UTF_8))
                    .isIn(200, 400);
            ok += response.status() == 200 ? 1 : 0;
        }
        assertThat(server.counters().openStreams()).isZero();
        assertThat(hrana.column("PRAGMA integrity_check")).containsExactly("ok");
        assertThat(hrana.column("SELECT y FROM t WHERE x = 1")).containsExactly("a");
        assertThat(ok).describedAs("some mutations stay valid").isPositive();
    }
}
