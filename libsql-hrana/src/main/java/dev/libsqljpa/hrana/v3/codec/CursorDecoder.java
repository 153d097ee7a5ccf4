package dev.libsqljpa.hrana.v3.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.CursorEntry;
import dev.libsqljpa.hrana.v3.proto.CursorHead;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.RowTable;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code /v3/cursor} answer (one JSON object per line) entry by entry with the streaming
 * parser: the head first ({@link #head()}), then {@link #next()} until it returns null at the end of
 * the body. Only the current entry is held in memory. Errors name the entry's position
 * ({@code $[3].row[1].value}: entry 3 after the head). Not thread-safe.
 */
public final class CursorDecoder implements Closeable {

    private final JsonParser parser;
    private final ObjectReader subtreeReader;
    private final ObjectMapper mapper;
    private CursorHead head;
    private int index;

    CursorDecoder(ObjectMapper mapper, InputStream body) throws HranaCodecException {
        this.mapper = mapper;
        this.subtreeReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try {
            this.parser = mapper.getFactory().createParser(body);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable cursor answer: " + e.getMessage(), e);
        }
    }

    /** The head line (baton, base_url); reads it on the first call. */
    public CursorHead head() throws HranaCodecException {
        if (head == null) {
            JsonNode node = readObjectOrNull(JsonPath.ROOT.index(0));
            if (node == null) {
                throw new HranaCodecException("empty body where a cursor answer was expected");
            }
            head = new CursorHead(
                    ValueJson.optText(node, "baton", JsonPath.ROOT.index(0)),
                    ValueJson.optText(node, "base_url", JsonPath.ROOT.index(0)));
        }
        return head;
    }

    /** The next entry, or null when the body ended (the caller decides whether that end was complete). */
    public CursorEntry next() throws HranaCodecException {
        head();
        JsonPath path = JsonPath.ROOT.index(++index);
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw ValueJson.fail(path, "expected an object");
            }
            return readEntry(path);
        } catch (HranaCodecException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new HranaCodecException("malformed JSON in cursor answer: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable cursor answer: " + e.getMessage(), e);
        }
    }

    private CursorEntry readEntry(JsonPath path) throws IOException, HranaCodecException {
        String type = null;
        List<Value> row = null;
        JsonNode rowTree = null;
        ObjectNode fields = mapper.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                type = parser.getText();
            } else if (name.equals("row") && "row".equals(type) && value == JsonToken.START_ARRAY) {
                row = readRow(path);
            } else if (name.equals("row")) {
                rowTree = subtreeReader.readTree(parser);
            } else if (name.equals("type")
                    || name.equals("step")
                    || name.equals("cols")
                    || name.equals("error")
                    || name.equals("affected_row_count")
                    || name.equals("last_insert_rowid")
                    || name.equals("replication_index")) {
                fields.set(name, subtreeReader.readTree(parser));
            } else {
                parser.skipChildren();
            }
        }
        if (type == null) {
            throw ValueJson.fail(path.field("type"), "expected a string");
        }
        return switch (type) {
            case "step_begin" -> {
                JsonNode cols = fields.get("cols");
                if (cols == null || !cols.isArray()) {
                    throw ValueJson.fail(path.field("cols"), "expected an array of columns");
                }
                List<Col> list = new ArrayList<>(cols.size());
                for (int i = 0; i < cols.size(); i++) {
                    JsonPath cp = path.field("cols").index(i);
                    ValueJson.requireObject(cols.get(i), cp);
                    list.add(new Col(
                            ValueJson.optText(cols.get(i), "name", cp),
                            ValueJson.optText(cols.get(i), "decltype", cp)));
                }
                yield new CursorEntry.StepBegin(step(fields, path), list);
            }
            case "row" -> {
                if (row != null) {
                    yield new CursorEntry.Row(row);
                }
                if (rowTree == null || !rowTree.isArray()) {
                    throw ValueJson.fail(path.field("row"), "expected an array of values");
                }
                List<Value> values = new ArrayList<>(rowTree.size());
                for (int i = 0; i < rowTree.size(); i++) {
                    values.add(ValueJson.readValue(
                            rowTree.get(i), path.field("row").index(i)));
                }
                yield new CursorEntry.Row(values);
            }
            case "step_end" ->
                new CursorEntry.StepEnd(
                        ValueJson.optLongNumber(fields, "affected_row_count", path, 0L),
                        ValueJson.optSignedLong(fields, "last_insert_rowid", path));
            case "step_error" -> new CursorEntry.StepError(step(fields, path), error(fields, path));
            case "error" -> new CursorEntry.Error(error(fields, path));
            case "replication_index" ->
                new CursorEntry.ReplicationIndex(ValueJson.optUnsignedLong(fields, "replication_index", path));
            default ->
                throw ValueJson.fail(
                        path.field("type"), "unknown cursor entry type '" + ValueJson.abbreviate(type) + "'");
        };
    }

    private List<Value> readRow(JsonPath path) throws IOException, HranaCodecException {
        RowTable.Builder one = new RowTable.Builder();
        int c = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            ResponseDecoder.ValueReader.read(parser, one, path, "row", -1, c);
            c++;
        }
        one.endRow();
        RowTable table = one.build();
        return table.isEmpty() ? List.of() : table.get(0);
    }

    private static int step(JsonNode fields, JsonPath path) throws HranaCodecException {
        JsonNode step = fields.get("step");
        if (step == null || !step.isIntegralNumber() || !step.canConvertToInt() || step.intValue() < 0) {
            throw ValueJson.fail(path.field("step"), "expected a step index");
        }
        return step.intValue();
    }

    private static JsonNode errorNode(JsonNode fields, JsonPath path) throws HranaCodecException {
        JsonNode error = fields.get("error");
        if (error == null || error.isNull()) {
            throw ValueJson.fail(path.field("error"), "missing");
        }
        return error;
    }

    private HranaError error(JsonNode fields, JsonPath path) throws HranaCodecException {
        return ValueJson.readError(errorNode(fields, path), path.field("error"));
    }

    private JsonNode readObjectOrNull(JsonPath path) throws HranaCodecException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                return null;
            }
            JsonNode node = subtreeReader.readTree(parser);
            ValueJson.requireObject(node, path);
            return node;
        } catch (HranaCodecException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new HranaCodecException("malformed JSON in cursor answer: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable cursor answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
