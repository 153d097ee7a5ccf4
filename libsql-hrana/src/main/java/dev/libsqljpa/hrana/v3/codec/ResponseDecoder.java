package dev.libsqljpa.hrana.v3.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.RowTable;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The client's decoder for pipeline answers: reads the body with Jackson's streaming parser and puts
 * row values straight into a {@link RowTable}, without building a JSON tree of the answer. Checks and
 * error messages (with their JSON paths) are those of the tree decoder in {@link HranaJson}; a part
 * that arrives before the field that says how to read it (a {@code result} before its {@code type})
 * is read as a small tree and handed to the tree decoder, so field order never matters.
 */
final class ResponseDecoder {

    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final HranaJson tree;
    /** Reads one nested value as a tree; the trailing-token check is for the whole body only. */
    private final ObjectReader subtreeReader;

    ResponseDecoder(ObjectMapper mapper, HranaJson tree) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
        this.tree = tree;
        this.subtreeReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private JsonNode subtree(JsonParser p) throws IOException {
        JsonNode node = subtreeReader.readTree(p);
        return node == null ? NullNode.getInstance() : node;
    }

    PipelineResponse decode(InputStream in) throws HranaCodecException {
        try (JsonParser p = factory.createParser(in)) {
            return decode(p);
        } catch (HranaCodecException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new HranaCodecException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    PipelineResponse decode(byte[] json) throws HranaCodecException {
        if (json == null || json.length == 0) {
            throw new HranaCodecException("empty body where JSON was expected");
        }
        try (JsonParser p = factory.createParser(json)) {
            return decode(p);
        } catch (HranaCodecException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new HranaCodecException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    private PipelineResponse decode(JsonParser p) throws IOException, HranaCodecException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new HranaCodecException("empty body where JSON was expected");
        }
        JsonPath root = JsonPath.ROOT;
        if (first != JsonToken.START_OBJECT) {
            p.skipChildren();
            requireEnd(p);
            throw ValueJson.fail(root, "expected an object");
        }
        String baton = null;
        String baseUrl = null;
        List<StreamResult> results = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "baton" -> baton = optText(p, root, "baton");
                case "base_url" -> baseUrl = optText(p, root, "base_url");
                case "results" -> {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw ValueJson.fail(root.field("results"), "expected an array of results");
                    }
                    results = new ArrayList<>();
                    JsonPath rp = root.field("results");
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        results.add(readStreamResult(p, rp.index(results.size())));
                    }
                }
                default -> p.skipChildren();
            }
        }
        requireEnd(p);
        if (results == null) {
            throw ValueJson.fail(root.field("results"), "expected an array of results");
        }
        return new PipelineResponse(baton, baseUrl, results);
    }

    /** Like the tree decoder's FAIL_ON_TRAILING_TOKENS: nothing may follow the root value. */
    private static void requireEnd(JsonParser p) throws IOException, HranaCodecException {
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new HranaCodecException(
                    "malformed JSON: Trailing token (of type " + trailing + ") found after value");
        }
    }

    private StreamResult readStreamResult(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        String type = null;
        boolean typeInvalid = false;
        StreamResponse response = null;
        JsonNode responseTree = null;
        JsonNode errorTree = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        type = p.getText();
                        typeInvalid = false;
                    } else {
                        typeInvalid = true;
                        p.skipChildren();
                    }
                }
                case "response" -> {
                    response = null;
                    responseTree = null;
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if ("ok".equals(type) && !typeInvalid) {
                        response = readStreamResponse(p, path.field("response"));
                    } else {
                        responseTree = subtree(p);
                    }
                }
                case "error" -> errorTree = value == JsonToken.VALUE_NULL ? null : subtree(p);
                default -> p.skipChildren();
            }
        }
        if (type == null || typeInvalid) {
            throw ValueJson.fail(path.field("type"), "expected a string");
        }
        return switch (type) {
            case "ok" -> {
                if (response != null) {
                    yield new StreamResult.Ok(response);
                }
                if (responseTree == null) {
                    throw ValueJson.fail(path.field("response"), "missing");
                }
                yield new StreamResult.Ok(tree.readStreamResponse(responseTree, path.field("response")));
            }
            case "error" -> {
                if (errorTree == null) {
                    throw ValueJson.fail(path.field("error"), "missing");
                }
                yield new StreamResult.Failure(ValueJson.readError(errorTree, path.field("error")));
            }
            default ->
                throw ValueJson.fail(path.field("type"), "unknown result type '" + ValueJson.abbreviate(type) + "'");
        };
    }

    private StreamResponse readStreamResponse(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        String type = null;
        boolean typeInvalid = false;
        Object result = null; // a decoded StmtResult / BatchResult, or a JsonNode to decode once the type is known
        JsonNode autocommit = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        type = p.getText();
                        typeInvalid = false;
                    } else {
                        typeInvalid = true;
                        p.skipChildren();
                    }
                }
                case "result" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        result = null;
                    } else if ("execute".equals(type) && !typeInvalid) {
                        result = readStmtResult(p, path.field("result"));
                    } else if ("batch".equals(type) && !typeInvalid) {
                        result = readBatchResult(p, path.field("result"));
                    } else {
                        result = subtree(p);
                    }
                }
                case "is_autocommit" -> autocommit = subtree(p);
                default -> p.skipChildren();
            }
        }
        if (type == null || typeInvalid) {
            throw ValueJson.fail(path.field("type"), "expected a string");
        }
        JsonPath rp = path.field("result");
        return switch (type) {
            case "execute" ->
                new StreamResponse.Execute(
                        result instanceof StmtResult r ? r : tree.readStmtResult(requireTree(result, rp), rp));
            case "batch" ->
                new StreamResponse.Batch(
                        result instanceof BatchResult r ? r : tree.readBatchResult(requireTree(result, rp), rp));
            case "describe" -> new StreamResponse.Describe(tree.readDescribeResult(requireTree(result, rp), rp));
            case "get_autocommit" -> {
                if (autocommit == null || !autocommit.isBoolean()) {
                    throw ValueJson.fail(path.field("is_autocommit"), "expected a boolean");
                }
                yield new StreamResponse.GetAutocommit(autocommit.booleanValue());
            }
            case "sequence" -> new StreamResponse.Sequence();
            case "store_sql" -> new StreamResponse.StoreSql();
            case "close_sql" -> new StreamResponse.CloseSql();
            case "close" -> new StreamResponse.Close();
            default ->
                throw ValueJson.fail(path.field("type"), "unknown response type '" + ValueJson.abbreviate(type) + "'");
        };
    }

    private static JsonNode requireTree(Object result, JsonPath path) throws HranaCodecException {
        if (result instanceof JsonNode node) {
            return node;
        }
        throw ValueJson.fail(path, "missing");
    }

    private BatchResult readBatchResult(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        List<StmtResult> results = null;
        List<HranaError> errors = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "step_results" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw ValueJson.fail(path.field("step_results"), "expected an array");
                    }
                    results = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        results.add(
                                p.currentToken() == JsonToken.VALUE_NULL
                                        ? null
                                        : readStmtResult(
                                                p, path.field("step_results").index(results.size())));
                    }
                }
                case "step_errors" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw ValueJson.fail(path.field("step_errors"), "expected an array");
                    }
                    errors = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        errors.add(
                                p.currentToken() == JsonToken.VALUE_NULL
                                        ? null
                                        : ValueJson.readError(
                                                subtree(p),
                                                path.field("step_errors").index(errors.size())));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (results == null) {
            throw ValueJson.fail(path.field("step_results"), "expected an array");
        }
        if (errors == null) {
            throw ValueJson.fail(path.field("step_errors"), "expected an array");
        }
        if (results.size() != errors.size()) {
            throw ValueJson.fail(
                    path, "step_results has " + results.size() + " entries but step_errors has " + errors.size());
        }
        return new BatchResult(results, errors);
    }

    private StmtResult readStmtResult(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        List<Col> cols = null;
        RowTable.Builder rows = null;
        int raggedRow = -1;
        int raggedLength = 0;
        ObjectNode scalars = mapper.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "cols" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw ValueJson.fail(path.field("cols"), "expected an array of columns");
                    }
                    cols = readCols(p, path.field("cols"));
                }
                case "rows" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw ValueJson.fail(path.field("rows"), "expected an array of rows");
                    }
                    rows = cols == null ? new RowTable.Builder() : new RowTable.Builder(cols.size());
                    raggedRow = -1;
                    int r = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.START_ARRAY) {
                            throw ValueJson.fail(path.field("rows").index(r), "expected an array of values");
                        }
                        int c = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            ValueReader.read(p, rows, path, "rows", r, c);
                            c++;
                        }
                        rows.endRow();
                        if (cols != null && c != cols.size()) {
                            throw ValueJson.fail(
                                    path.field("rows").index(r),
                                    "row has " + c + " values for " + cols.size() + " columns");
                        }
                        if (cols == null && raggedRow < 0 && c != rows.width()) {
                            raggedRow = r;
                            raggedLength = c;
                        }
                        r++;
                    }
                }
                case "affected_row_count",
                        "last_insert_rowid",
                        "replication_index",
                        "rows_read",
                        "rows_written",
                        "query_duration_ms" -> scalars.set(name, subtree(p));
                default -> p.skipChildren();
            }
        }
        if (cols == null) {
            throw ValueJson.fail(path.field("cols"), "expected an array of columns");
        }
        if (rows == null) {
            throw ValueJson.fail(path.field("rows"), "expected an array of rows");
        }
        if (rows.rowCount() > 0 && rows.width() != cols.size()) {
            throw ValueJson.fail(
                    path.field("rows").index(0), "row has " + rows.width() + " values for " + cols.size() + " columns");
        }
        if (raggedRow >= 0) {
            throw ValueJson.fail(
                    path.field("rows").index(raggedRow),
                    "row has " + raggedLength + " values for " + cols.size() + " columns");
        }
        return new StmtResult(
                cols,
                rows.build(),
                ValueJson.optLongNumber(scalars, "affected_row_count", path, 0L),
                ValueJson.optSignedLong(scalars, "last_insert_rowid", path),
                ValueJson.optUnsignedLong(scalars, "replication_index", path),
                ValueJson.optLongNumber(scalars, "rows_read", path, 0L),
                ValueJson.optLongNumber(scalars, "rows_written", path, 0L),
                ValueJson.optDouble(scalars, "query_duration_ms", path));
    }

    private List<Col> readCols(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        List<Col> cols = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonPath cp = path.index(cols.size());
            requireObjectStart(p, cp);
            String name = null;
            String decltype = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "name" -> name = optText(p, cp, "name");
                    case "decltype" -> decltype = optText(p, cp, "decltype");
                    default -> p.skipChildren();
                }
            }
            cols.add(new Col(name, decltype));
        }
        return cols;
    }

    private static void requireObjectStart(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw ValueJson.fail(path, "expected an object");
        }
    }

    private static String optText(JsonParser p, JsonPath parent, String field) throws IOException, HranaCodecException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw ValueJson.fail(parent.field(field), "expected a string or null");
        }
        return p.getText();
    }

    /** Reads one value object into a row table. Paths are built only for an error. */
    static final class ValueReader {
        private static final int NONE = 0;
        private static final int STRING = 1;
        private static final int NUMBER = 2;
        private static final int NULL = 3;
        private static final int OTHER = 4;

        private ValueReader() {}

        /** Reads a value at {@code <parent>.<field>[row][col]} ({@code [row]} left out when negative). */
        static void read(JsonParser p, RowTable.Builder out, JsonPath stmt, String field, int row, int col)
                throws IOException, HranaCodecException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw ValueJson.fail(cell(stmt, field, row, col), "expected an object");
            }
            String type = null;
            boolean typeInvalid = false;
            int valueKind = NONE;
            String valueText = null;
            long valueLong = 0;
            boolean valueLongOk = false;
            double valueDouble = 0;
            int base64Kind = NONE;
            String base64 = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "type" -> {
                        if (t == JsonToken.VALUE_STRING) {
                            type = p.getText();
                            typeInvalid = false;
                        } else {
                            typeInvalid = true;
                            p.skipChildren();
                        }
                    }
                    case "value" -> {
                        valueLongOk = false;
                        valueText = null;
                        if (t == JsonToken.VALUE_STRING) {
                            valueKind = STRING;
                            if ("integer".equals(type)) {
                                valueLongOk = true;
                                try {
                                    valueLong = parseLong(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                                } catch (NumberFormatException e) {
                                    valueLongOk = false;
                                    valueText = p.getText();
                                }
                            } else {
                                valueText = p.getText();
                            }
                        } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                            valueKind = NUMBER;
                            valueDouble = p.getDoubleValue();
                        } else if (t == JsonToken.VALUE_NULL) {
                            valueKind = NULL;
                        } else {
                            valueKind = OTHER;
                            p.skipChildren();
                        }
                    }
                    case "base64" -> {
                        if (t == JsonToken.VALUE_STRING) {
                            base64Kind = STRING;
                            base64 = p.getText();
                        } else {
                            base64Kind = t == JsonToken.VALUE_NULL ? NULL : OTHER;
                            base64 = null;
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (type == null || typeInvalid) {
                throw ValueJson.fail(cell(stmt, field, row, col).field("type"), "expected a string");
            }
            switch (type) {
                case "null" -> out.addNull();
                case "integer" -> {
                    if (valueKind != STRING) {
                        throw ValueJson.fail(
                                cell(stmt, field, row, col).field("value"), "expected an integer as a decimal string");
                    }
                    if (valueLongOk) {
                        out.addInteger(valueLong);
                    } else {
                        String text = valueText;
                        try {
                            // The value arrived before its type: parse the kept text.
                            out.addInteger(Long.parseLong(text));
                        } catch (NumberFormatException e) {
                            throw ValueJson.fail(
                                    cell(stmt, field, row, col).field("value"),
                                    "not a 64-bit integer: '" + ValueJson.abbreviate(text) + "'");
                        }
                    }
                }
                case "float" -> {
                    if (valueKind == NONE || valueKind == NULL) {
                        out.addFloat(Double.NaN);
                    } else if (valueKind != NUMBER) {
                        throw ValueJson.fail(cell(stmt, field, row, col).field("value"), "expected a number");
                    } else {
                        out.addFloat(valueDouble);
                    }
                }
                case "text" -> {
                    if (valueKind != STRING) {
                        throw ValueJson.fail(cell(stmt, field, row, col).field("value"), "expected a string");
                    }
                    out.addText(valueText != null ? valueText : Long.toString(valueLong));
                }
                case "blob" -> {
                    if (base64Kind != STRING) {
                        throw ValueJson.fail(cell(stmt, field, row, col).field("base64"), "expected a base64 string");
                    }
                    try {
                        // The JDK decoder accepts both padded and unpadded input.
                        out.addBlobOwned(Base64.getDecoder().decode(base64));
                    } catch (IllegalArgumentException e) {
                        throw ValueJson.fail(
                                cell(stmt, field, row, col).field("base64"), "invalid base64: " + e.getMessage());
                    }
                }
                default ->
                    throw ValueJson.fail(
                            cell(stmt, field, row, col).field("type"),
                            "unknown value type '" + ValueJson.abbreviate(type) + "'");
            }
        }

        private static JsonPath cell(JsonPath stmt, String field, int row, int col) {
            JsonPath rows = stmt.field(field);
            return (row < 0 ? rows : rows.index(row)).index(col);
        }

        /** {@link Long#parseLong(String)} over a char range, without creating a string. */
        static long parseLong(char[] chars, int offset, int length) {
            if (length == 0) {
                throw new NumberFormatException("empty");
            }
            int i = offset;
            int end = offset + length;
            boolean negative = false;
            long limit = -Long.MAX_VALUE;
            char first = chars[i];
            if (first == '-' || first == '+') {
                negative = first == '-';
                if (negative) {
                    limit = Long.MIN_VALUE;
                }
                i++;
                if (i == end) {
                    throw new NumberFormatException("sign only");
                }
            }
            long multmin = limit / 10;
            long result = 0;
            for (; i < end; i++) {
                int digit = chars[i] - '0';
                if (digit < 0 || digit > 9 || result < multmin) {
                    throw new NumberFormatException("not a number");
                }
                result *= 10;
                if (result < limit + digit) {
                    throw new NumberFormatException("overflow");
                }
                result -= digit;
            }
            return negative ? result : -result;
        }
    }
}
