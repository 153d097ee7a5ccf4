package dev.libsqljpa.hrana.v3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.internal.ServerJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the decoders: the client's response decoder ({@link HranaJson#decodeResponse}), the
 * request decoder the testkit server uses ({@link ServerJson#decodeRequest}) and the error-body reader
 * ({@link HranaJson#decodeErrorBodyOrNull}). Inputs are mutations of valid pipeline JSON (byte flips,
 * cuts, insertions of JSON fragments, type swaps, huge and odd values, deep nesting) plus random JSON
 * built from the Hrana vocabulary. The only documented outcome besides a decoded value is
 * {@link HranaCodecException}; anything else (NullPointerException, ClassCastException,
 * NumberFormatException, StackOverflowError, …) fails the test with the seed and the input.
 *
 * <p>Deterministic: fixed seeds, a fixed number of cases ({@value #CASES} per decoder and seed set).
 */
class HranaDecoderFuzzTest {

    static final int CASES = 4000;
    static final long[] SEEDS = {1L, 0x5eedL, 20261202L};

    static final String[] RESPONSES = {
        "{\"baton\":\"b1\",\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\","
                + "\"result\":{\"cols\":[{\"name\":\"a\",\"decltype\":\"INTEGER\"},{\"name\":null,\"decltype\":null}],"
                + "\"rows\":[[{\"type\":\"integer\",\"value\":\"-42\"},{\"type\":\"float\",\"value\":1.5}],"
                + "[{\"type\":\"text\",\"value\":\"x\\u00e9\"},{\"type\":\"blob\",\"base64\":\"AQI\"}],"
                + "[{\"type\":\"null\"},{\"type\":\"float\",\"value\":null}]],\"affected_row_count\":1,"
                + "\"last_insert_rowid\":\"7\",\"replication_index\":null,\"rows_read\":0,\"rows_written\":1,"
                + "\"query_duration_ms\":0.1}}},{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}",
        "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"error\",\"error\":{\"message\":\"SQLite error: "
                + "no such table: t\",\"code\":\"SQLITE_UNKNOWN\"}},{\"type\":\"ok\",\"response\":{\"type\":"
                + "\"get_autocommit\",\"is_autocommit\":true}}]}",
        "{\"baton\":\"b2\",\"base_url\":\"http://127.0.0.1:1\",\"results\":[{\"type\":\"ok\",\"response\":{\"type\":"
                + "\"batch\",\"result\":{\"step_results\":[null,{\"cols\":[],\"rows\":[],\"affected_row_count\":0,"
                + "\"last_insert_rowid\":null}],\"step_errors\":[{\"message\":\"m\",\"code\":\"C\"},null]}}},"
                + "{\"type\":\"ok\",\"response\":{\"type\":\"describe\",\"result\":{\"params\":[{\"name\":\":a\"}],"
                + "\"cols\":[{\"name\":\"a\",\"decltype\":\"TEXT\"}],\"is_explain\":false,\"is_readonly\":true}}},"
                + "{\"type\":\"ok\",\"response\":{\"type\":\"sequence\"}},{\"type\":\"ok\",\"response\":{\"type\":"
                + "\"store_sql\"}}]}",
    };

    static final String[] REQUESTS = {
        "{\"baton\":null,\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"SELECT ?, :a\",\"args\":["
                + "{\"type\":\"integer\",\"value\":\"1\"}],\"named_args\":[{\"name\":\"a\",\"value\":{\"type\":"
                + "\"blob\",\"base64\":\"AA\"}}],\"want_rows\":true}},{\"type\":\"close\"}]}",
        "{\"baton\":\"b\",\"requests\":[{\"type\":\"batch\",\"batch\":{\"steps\":[{\"stmt\":{\"sql\":\"BEGIN\"}},"
                + "{\"condition\":{\"type\":\"ok\",\"step\":0},\"stmt\":{\"sql\":\"INSERT INTO t VALUES (1)\"}},"
                + "{\"condition\":{\"type\":\"not\",\"cond\":{\"type\":\"and\",\"conds\":[{\"type\":\"ok\",\"step\":1},"
                + "{\"type\":\"is_autocommit\"}]}},\"stmt\":{\"sql\":\"ROLLBACK\"}}]}},{\"type\":\"get_autocommit\"}]}",
        "{\"baton\":null,\"requests\":[{\"type\":\"store_sql\",\"sql_id\":1,\"sql\":\"SELECT 1\"},{\"type\":"
                + "\"execute\",\"stmt\":{\"sql_id\":1}},{\"type\":\"close_sql\",\"sql_id\":1},{\"type\":\"describe\","
                + "\"sql\":\"SELECT 1\"},{\"type\":\"sequence\",\"sql\":\"SELECT 1; SELECT 2\"}]}",
    };

    static final String[] FRAGMENTS = {
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1e999",
        "-1e999",
        "9223372036854775808",
        "1.5",
        "\"\"",
        "\"x\"",
        "\"-9223372036854775809\"",
        "[]",
        "{}",
        "[null]",
        "{\"type\":null}",
        "{\"type\":\"integer\",\"value\":1}",
        "{\"type\":\"blob\",\"base64\":\"***\"}",
        "{\"type\":\"float\",\"value\":\"NaN\"}",
        "\"\\ud800\"",
        "\"\\u0000\"",
        "{\"type\":\"unknown\"}",
        ",",
        ":",
        "[",
        "]",
        "{",
        "}",
        "\"type\"",
        "\"results\"",
        "\"requests\"",
        "\"step\":-1",
        "\"step\":99999999999",
        "{\"type\":\"ok\"}",
        "{\"type\":\"error\"}",
    };

    static final String[] TYPE_WORDS = {
        "execute",
        "batch",
        "sequence",
        "describe",
        "store_sql",
        "close_sql",
        "close",
        "get_autocommit",
        "ok",
        "error",
        "not",
        "and",
        "or",
        "is_autocommit",
        "integer",
        "float",
        "text",
        "blob",
        "null",
    };

    interface Decoder {
        Object decode(byte[] input) throws HranaCodecException;
    }

    private final HranaJson json = new HranaJson();
    private final ServerJson server = new ServerJson();

    @Test
    void responseDecoderFailsOnlyWithHranaCodecException() {
        int decoded = fuzz("decodeResponse", RESPONSES, json::decodeResponse);
        assertThat(decoded)
                .describedAs("some mutations still decode (the fuzzer is not only producing junk)")
                .isPositive();
    }

    @Test
    void requestDecoderFailsOnlyWithHranaCodecException() {
        int decoded = fuzz("decodeRequest", REQUESTS, server::decodeRequest);
        assertThat(decoded).isPositive();
    }

    @Test
    void errorBodyReaderNeverThrows() {
        String[] bodies = {
            "{\"message\":\"m\",\"code\":\"STREAM_EXPIRED\"}",
            "{\"error\":\"Too many requests\"}",
            "{\"error\":{\"message\":\"m\",\"code\":\"C\"}}",
            "<html>500</html>"
        };
        fuzz("decodeErrorBodyOrNull", bodies, json::decodeErrorBodyOrNull);
    }

    @Test
    void deepNestingIsAnHranaCodecException() {
        String deep = "{\"baton\":null,\"results\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        byte[] input = deep.getBytes(StandardCharsets.UTF_8);
        for (Decoder decoder : List.<Decoder>of(json::decodeResponse, server::decodeRequest)) {
            try {
                decoder.decode(input);
                throw new AssertionError("100000 nested arrays decoded");
            } catch (HranaCodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(json.decodeErrorBodyOrNull(input)).isNull();
    }

    /** Returns how many inputs decoded without an exception. */
    private static int fuzz(String name, String[] samples, Decoder decoder) {
        int decoded = 0;
        int failed = 0;
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < CASES; i++) {
                byte[] input = random.nextInt(10) == 0
                        ? randomJson(random)
                        : mutate(random, samples[random.nextInt(samples.length)]);
                try {
                    decoder.decode(input);
                    decoded++;
                } catch (HranaCodecException documented) {
                    failed++;
                    if (documented.getMessage() == null
                            || documented.getMessage().isBlank()) {
                        throw new AssertionError(name + " seed " + seed + " case " + i + ": message-less exception");
                    }
                } catch (RuntimeException | StackOverflowError undocumented) {
                    throw new AssertionError(
                            name + " seed " + seed + " case " + i + " threw " + undocumented + " for input: "
                                    + new String(input, StandardCharsets.UTF_8),
                            undocumented);
                }
            }
        }
        assertThat(decoded + failed).isEqualTo(SEEDS.length * CASES);
        return decoded;
    }

    private static byte[] mutate(Random random, String sample) {
        String s = sample;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(s.length() + 1);
            switch (random.nextInt(8)) {
                case 0 -> s = s.substring(0, at); // cut
                case 1 -> s = s.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + s.substring(at);
                case 2 -> { // replace a value after a colon with a fragment
                    int colon = s.indexOf(':', at);
                    if (colon > 0) {
                        int end = colon + 1;
                        while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
                            end++;
                        }
                        s = s.substring(0, colon + 1) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + s.substring(end);
                    }
                }
                case 3 -> { // swap a type word
                    String from = TYPE_WORDS[random.nextInt(TYPE_WORDS.length)];
                    String to = TYPE_WORDS[random.nextInt(TYPE_WORDS.length)];
                    s = s.replaceFirst("\"" + from + "\"", "\"" + to + "\"");
                }
                case 4 -> { // delete a span
                    int end = Math.min(s.length(), at + 1 + random.nextInt(12));
                    s = s.substring(0, Math.min(at, end)) + s.substring(end);
                }
                case 5 -> { // duplicate a span
                    int end = Math.min(s.length(), at + 1 + random.nextInt(40));
                    s = s.substring(0, end) + s.substring(Math.min(at, end), end) + s.substring(end);
                }
                case 6 -> { // flip one byte
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    if (b.length > 0) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                        return b;
                    }
                }
                default -> s = s.replace("\"value\":\"", "\"value\":\"" + random.nextInt() + "x");
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomJson(Random random) {
        StringBuilder sb = new StringBuilder();
        appendValue(random, sb, 0);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendValue(Random random, StringBuilder sb, int depth) {
        int choice = depth > 6 ? random.nextInt(4) : random.nextInt(7);
        switch (choice) {
            case 0 -> sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            case 1 ->
                sb.append('"')
                        .append(TYPE_WORDS[random.nextInt(TYPE_WORDS.length)])
                        .append('"');
            case 2 -> sb.append(random.nextLong());
            case 3 -> sb.append(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4, 5 -> {
                String[] keys = {
                    "type",
                    "baton",
                    "base_url",
                    "results",
                    "requests",
                    "response",
                    "result",
                    "error",
                    "stmt",
                    "sql",
                    "args",
                    "cols",
                    "rows",
                    "value",
                    "base64",
                    "step",
                    "steps",
                    "cond",
                    "conds",
                    "step_results",
                    "step_errors",
                    "is_autocommit",
                    "message",
                    "code",
                    "affected_row_count",
                    "last_insert_rowid",
                    "sql_id",
                    "batch",
                    "condition",
                    "named_args",
                    "name"
                };
                sb.append('{');
                int n = random.nextInt(5);
                List<String> used = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String key = keys[random.nextInt(keys.length)];
                    if (used.contains(key)) {
                        continue;
                    }
                    if (!used.isEmpty()) {
                        sb.append(',');
                    }
                    used.add(key);
                    sb.append('"').append(key).append("\":");
                    appendValue(random, sb, depth + 1);
                }
                sb.append('}');
            }
            default -> {
                sb.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    appendValue(random, sb, depth + 1);
                }
                sb.append(']');
            }
        }
    }
}
