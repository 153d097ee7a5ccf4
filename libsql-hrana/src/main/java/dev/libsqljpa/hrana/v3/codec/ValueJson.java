package dev.libsqljpa.hrana.v3.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The part of the Hrana JSON both directions share: the mapper settings, values ({@code {"type":
 * "integer", "value": "1"}} and friends), error objects, and the strict field readers whose messages
 * name the JSON path of the offending field. The client codec ({@link HranaJson}) and the testkit
 * server's codec build on it; it holds no state.
 */
public final class ValueJson {

    private static final Base64.Encoder BASE64_OUT = Base64.getEncoder().withoutPadding();

    private ValueJson() {}

    /** The mapper both directions use: no length limit on strings, nesting capped at 256, trailing tokens rejected. */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNestingDepth(256)
                        .build())
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Writes one JSON document to a generator. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator gen) throws IOException;
    }

    /**
     * Writes one JSON document into a new array of its exact length. The generator writes into Jackson's recycled
     * buffers, so a small document costs its bytes and the generator, not a growing stream and a copy of it.
     */
    public static byte[] write(ObjectMapper mapper, Writer writer) {
        JsonFactory factory = mapper.getFactory();
        BufferRecycler recycler = factory._getBufferRecycler();
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(recycler);
            try (JsonGenerator gen = factory.createGenerator(out)) {
                writer.write(gen);
            }
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        } catch (IOException e) {
            // Writing to memory cannot fail for I/O reasons.
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    public static byte[] line(ObjectMapper mapper, Writer writer) {
        byte[] body = write(mapper, writer);
        byte[] withNewline = Arrays.copyOf(body, body.length + 1);
        withNewline[body.length] = '\n';
        return withNewline;
    }

    public static JsonNode parse(ObjectMapper mapper, byte[] json) throws HranaCodecException {
        if (json == null || json.length == 0) {
            throw new HranaCodecException("empty body where JSON was expected");
        }
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new HranaCodecException("empty body where JSON was expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HranaCodecException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a value. Integers as decimal strings and blobs as unpadded base64: neither contains a
     * character Jackson would escape, so servers can read them as borrowed strings.
     *
     * @throws IllegalArgumentException for a float that is not finite (no server can store it)
     */
    public static void writeValue(JsonGenerator gen, Value value) throws IOException {
        gen.writeStartObject();
        if (value instanceof Value.NullValue) {
            gen.writeStringField("type", "null");
        } else if (value instanceof Value.IntegerValue integer) {
            gen.writeStringField("type", "integer");
            gen.writeStringField("value", Long.toString(integer.value()));
        } else if (value instanceof Value.FloatValue floatValue) {
            gen.writeStringField("type", "float");
            if (Double.isFinite(floatValue.value())) {
                gen.writeNumberField("value", floatValue.value());
            } else {
                // Only reached on the server side: a stored non-finite float goes out as null, like sqld.
                gen.writeNullField("value");
            }
        } else if (value instanceof Value.TextValue text) {
            gen.writeStringField("type", "text");
            gen.writeStringField("value", text.value());
        } else if (value instanceof Value.BlobValue blob) {
            gen.writeStringField("type", "blob");
            gen.writeStringField("base64", BASE64_OUT.encodeToString(blob.value()));
        } else {
            throw new AssertionError(value);
        }
        gen.writeEndObject();
    }

    public static Value readValue(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        String type = reqText(node, "type", p);
        return switch (type) {
            case "null" -> Value.NULL;
            case "integer" -> readInteger(node.get("value"), p.field("value"));
            case "float" -> readFloat(node.get("value"), p.field("value"));
            case "text" -> readText(node.get("value"), p.field("value"));
            case "blob" -> readBlob(node.get("base64"), p.field("base64"));
            default -> throw fail(p.field("type"), "unknown value type '" + abbreviate(type) + "'");
        };
    }

    public static void writeError(JsonGenerator gen, HranaError error) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("message", error.message());
        if (error.code() == null) {
            gen.writeNullField("code");
        } else {
            gen.writeStringField("code", error.code());
        }
        if (error.extendedCode() != null) {
            gen.writeStringField("extended_code", error.extendedCode());
        }
        gen.writeEndObject();
    }

    public static HranaError readError(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        JsonNode message = node.get("message");
        if (message == null || !message.isTextual()) {
            throw fail(p.field("message"), "expected an error message string");
        }
        return new HranaError(message.asText(), optText(node, "code", p), optText(node, "extended_code", p));
    }

    private static Value readInteger(JsonNode v, JsonPath p) throws HranaCodecException {
        if (v == null || !v.isTextual()) {
            throw fail(p, "expected an integer as a decimal string");
        }
        try {
            return new Value.IntegerValue(Long.parseLong(v.asText()));
        } catch (NumberFormatException e) {
            throw fail(p, "not a 64-bit integer: '" + abbreviate(v.asText()) + "'");
        }
    }

    private static Value readFloat(JsonNode v, JsonPath p) throws HranaCodecException {
        if (v == null || v.isNull()) {
            return new Value.FloatValue(Double.NaN);
        }
        if (!v.isNumber()) {
            throw fail(p, "expected a number");
        }
        return new Value.FloatValue(v.doubleValue());
    }

    private static Value readText(JsonNode v, JsonPath p) throws HranaCodecException {
        if (v == null || !v.isTextual()) {
            throw fail(p, "expected a string");
        }
        return new Value.TextValue(v.asText());
    }

    private static Value readBlob(JsonNode v, JsonPath p) throws HranaCodecException {
        if (v == null || !v.isTextual()) {
            throw fail(p, "expected a base64 string");
        }
        try {
            // The JDK decoder accepts both padded and unpadded input.
            return new Value.BlobValue(Base64.getDecoder().decode(v.asText()));
        } catch (IllegalArgumentException e) {
            throw fail(p, "invalid base64: " + e.getMessage());
        }
    }

    public static void requireObject(JsonNode node, JsonPath p) throws HranaCodecException {
        if (node == null || !node.isObject()) {
            throw fail(p, "expected an object");
        }
    }

    public static JsonNode reqNode(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw fail(p.field(field), "missing");
        }
        return v;
    }

    public static String reqText(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw fail(p.field(field), "expected a string");
        }
        return v.asText();
    }

    public static String optText(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw fail(p.field(field), "expected a string or null");
        }
        return v.asText();
    }

    public static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    public static int reqInt(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        Integer v = optInt(node, field, p);
        if (v == null) {
            throw fail(p.field(field), "missing");
        }
        return v;
    }

    public static Integer optInt(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(p.field(field), "expected a 32-bit integer");
        }
        return v.intValue();
    }

    public static boolean optBool(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw fail(p.field(field), "expected a boolean");
        }
        return v.booleanValue();
    }

    public static long optLongNumber(JsonNode node, String field, JsonPath p, long dflt) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw fail(p.field(field), "expected a 64-bit integer");
    }

    /** A signed 64-bit value sent as a decimal string (or, in cursor output, as a number). */
    public static Long optSignedLong(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return optLongNumber(node, field, p, 0L);
    }

    /** An unsigned 64-bit value (replication index) as a string or number. */
    public static Long optUnsignedLong(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (v.isTextual()) {
                return Long.parseUnsignedLong(v.asText());
            }
            if (v.isIntegralNumber()) {
                return Long.parseUnsignedLong(v.bigIntegerValue().toString());
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw fail(p.field(field), "expected an unsigned 64-bit integer");
    }

    public static Double optDouble(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw fail(p.field(field), "expected a number");
        }
        return v.doubleValue();
    }

    public static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    public static HranaCodecException fail(JsonPath p, String what) {
        return new HranaCodecException("invalid Hrana JSON at " + p + ": " + what);
    }
}
