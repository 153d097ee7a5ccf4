package dev.libsqljpa.hrana.v3.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
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
 * The client's decoder for pipeline answers: reads the body with Jackson's streaming parser, token by token,
 * straight into the results (row values into a {@link RowTable}, numbers into the result's fields): no JSON tree
 * of any part of the answer. Checks and error messages name the JSON path of the offending field. A part that
 * arrives before the field that says how to read it (a {@code result} before its {@code type}) is kept as
 * tokens ({@link TokenBuffer}) and read the same way once the type is known, so field order never matters.
 * The readers are static: {@link PipelineRowDecoder} reads the step results around its streamed rows with them.
 */
final class ResponseDecoder {

    private final JsonFactory factory;

    ResponseDecoder(JsonFactory factory) {
        this.factory = factory;
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

    private static PipelineResponse decode(JsonParser p) throws IOException, HranaCodecException {
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
                    results = new ArrayList<>(4);
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

    /**
     * The current value's tokens, kept for a later read (the parser is left on the value's last token);
     * the returned parser is on the value's first token.
     */
    private static JsonParser keep(JsonParser p) throws IOException {
        TokenBuffer buffer = new TokenBuffer(p);
        buffer.copyCurrentStructure(p);
        JsonParser replay = buffer.asParser(p);
        replay.nextToken();
        return replay;
    }

    private static StreamResult readStreamResult(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        String type = null;
        boolean typeInvalid = false;
        StreamResponse response = null;
        JsonParser kept = null; // a response that came before its result type
        ErrorFields error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        type = word(p);
                        typeInvalid = false;
                    } else {
                        typeInvalid = true;
                        p.skipChildren();
                    }
                }
                case "response" -> {
                    response = null;
                    kept = null;
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if ("ok".equals(type) && !typeInvalid) {
                        response = readStreamResponse(p, path.field("response"));
                    } else {
                        kept = keep(p);
                    }
                }
                case "error" -> error = value == JsonToken.VALUE_NULL ? null : ErrorFields.read(p);
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
                if (kept == null) {
                    throw ValueJson.fail(path.field("response"), "missing");
                }
                yield new StreamResult.Ok(readStreamResponse(kept, path.field("response")));
            }
            case "error" -> {
                if (error == null) {
                    throw ValueJson.fail(path.field("error"), "missing");
                }
                yield new StreamResult.Failure(error.toError(path.field("error")));
            }
            default ->
                throw ValueJson.fail(path.field("type"), "unknown result type '" + ValueJson.abbreviate(type) + "'");
        };
    }

    private static StreamResponse readStreamResponse(JsonParser p, JsonPath path)
            throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        String type = null;
        boolean typeInvalid = false;
        Object result = null; // a decoded StmtResult / BatchResult / DescribeResult
        JsonParser kept = null; // a result that came before its response type
        Boolean autocommit = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        type = word(p);
                        typeInvalid = false;
                    } else {
                        typeInvalid = true;
                        p.skipChildren();
                    }
                }
                case "result" -> {
                    result = null;
                    kept = null;
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    String known = typeInvalid ? "" : type == null ? "" : type;
                    switch (known) {
                        case "execute" -> result = readStmtResult(p, path.field("result"));
                        case "batch" -> result = readBatchResult(p, path.field("result"));
                        case "describe" -> result = readDescribeResult(p, path.field("result"));
                        default -> kept = keep(p);
                    }
                }
                case "is_autocommit" -> {
                    autocommit = value == JsonToken.VALUE_TRUE
                            ? Boolean.TRUE
                            : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                    p.skipChildren();
                }
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
                        result instanceof StmtResult r ? r : readStmtResult(requireKept(kept, rp), rp));
            case "batch" ->
                new StreamResponse.Batch(
                        result instanceof BatchResult r ? r : readBatchResult(requireKept(kept, rp), rp));
            case "describe" ->
                new StreamResponse.Describe(
                        result instanceof DescribeResult r ? r : readDescribeResult(requireKept(kept, rp), rp));
            case "get_autocommit" -> {
                if (autocommit == null) {
                    throw ValueJson.fail(path.field("is_autocommit"), "expected a boolean");
                }
                yield new StreamResponse.GetAutocommit(autocommit);
            }
            case "sequence" -> new StreamResponse.Sequence();
            case "store_sql" -> new StreamResponse.StoreSql();
            case "close_sql" -> new StreamResponse.CloseSql();
            case "close" -> new StreamResponse.Close();
            default ->
                throw ValueJson.fail(path.field("type"), "unknown response type '" + ValueJson.abbreviate(type) + "'");
        };
    }

    private static JsonParser requireKept(JsonParser kept, JsonPath path) throws HranaCodecException {
        if (kept == null) {
            throw ValueJson.fail(path, "missing");
        }
        return kept;
    }

    static BatchResult readBatchResult(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
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
                                        : readError(p, path.field("step_errors").index(errors.size())));
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

    /** A statement's result: columns, rows and the numbers ({@link StmtScalars}), the parser on its start. */
    static StmtResult readStmtResult(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        List<Col> cols = null;
        RowTable.Builder rows = null;
        int raggedRow = -1;
        int raggedLength = 0;
        StmtScalars scalars = new StmtScalars();
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
                default -> {
                    if (!scalars.read(name, p, value)) {
                        p.skipChildren();
                    }
                }
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
        scalars.check(path);
        return new StmtResult(
                cols,
                rows.build(),
                scalars.affectedRowCount,
                scalars.lastInsertRowid,
                scalars.replicationIndex,
                scalars.rowsRead,
                scalars.rowsWritten,
                scalars.queryDurationMs);
    }

    /**
     * The number fields of a statement result, read from their tokens. A field of the wrong kind is remembered
     * and reported only after the columns and rows were checked ({@link #check}), in the order of
     * {@link #NAMES}; a later copy of a field replaces an earlier one.
     */
    private static final class StmtScalars {
        private static final String[] NAMES = {
            "affected_row_count",
            "last_insert_rowid",
            "replication_index",
            "rows_read",
            "rows_written",
            "query_duration_ms"
        };
        private static final String SIGNED = "expected a 64-bit integer";
        private static final String[] EXPECTED = {
            SIGNED, SIGNED, "expected an unsigned 64-bit integer", SIGNED, SIGNED, "expected a number"
        };

        long affectedRowCount;
        Long lastInsertRowid;
        Long replicationIndex;
        long rowsRead;
        long rowsWritten;
        Double queryDurationMs;
        /** One bit per entry of {@link #NAMES} whose value was of the wrong kind. */
        private int invalid;

        /** Reads the field if it is one of these; false (nothing read) for any other name. */
        boolean read(String name, JsonParser p, JsonToken t) throws IOException {
            int field;
            switch (name) {
                case "affected_row_count" -> field = 0;
                case "last_insert_rowid" -> field = 1;
                case "replication_index" -> field = 2;
                case "rows_read" -> field = 3;
                case "rows_written" -> field = 4;
                case "query_duration_ms" -> field = 5;
                default -> {
                    return false;
                }
            }
            int bit = 1 << field;
            invalid &= ~bit;
            boolean isNull = t == JsonToken.VALUE_NULL;
            switch (field) {
                case 0 -> affectedRowCount = isNull ? 0 : signed(p, t, bit);
                case 1 -> lastInsertRowid = isNull ? null : signed(p, t, bit);
                case 2 -> replicationIndex = isNull ? null : unsigned(p, t, bit);
                case 3 -> rowsRead = isNull ? 0 : signed(p, t, bit);
                case 4 -> rowsWritten = isNull ? 0 : signed(p, t, bit);
                default -> queryDurationMs = isNull ? null : number(p, t, bit);
            }
            return true;
        }

        /** A JSON integer within 64 bits, or a decimal string. */
        private long signed(JsonParser p, JsonToken t, int bit) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                try {
                    return ValueReader.parseLong(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } catch (NumberFormatException notAscii) {
                    try {
                        return Long.parseLong(p.getText());
                    } catch (NumberFormatException e) {
                        // invalid, below
                    }
                }
            }
            return invalid(p, bit);
        }

        /** An unsigned 64-bit integer as a decimal string or a JSON integer. */
        private long unsigned(JsonParser p, JsonToken t, int bit) throws IOException {
            try {
                if (t == JsonToken.VALUE_STRING) {
                    return Long.parseUnsignedLong(p.getText());
                }
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        long v = p.getLongValue();
                        if (v >= 0) {
                            return v;
                        }
                    } else {
                        return Long.parseUnsignedLong(p.getBigIntegerValue().toString());
                    }
                }
            } catch (NumberFormatException e) {
                // invalid, below
            }
            return invalid(p, bit);
        }

        private double number(JsonParser p, JsonToken t, int bit) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            return invalid(p, bit);
        }

        private long invalid(JsonParser p, int bit) throws IOException {
            invalid |= bit;
            p.skipChildren();
            return 0;
        }

        void check(JsonPath path) throws HranaCodecException {
            if (invalid == 0) {
                return;
            }
            for (int i = 0; i < NAMES.length; i++) {
                if ((invalid & (1 << i)) != 0) {
                    throw ValueJson.fail(path.field(NAMES[i]), EXPECTED[i]);
                }
            }
        }
    }

    /**
     * An error object as it came ({@code {message, code, extended_code}}); {@link #toError} applies the checks,
     * so an error the result's type makes irrelevant is never judged, and a later copy of a field replaces an
     * earlier one.
     */
    private record ErrorFields(
            boolean object,
            String message,
            String code,
            boolean codeInvalid,
            String extendedCode,
            boolean extendedCodeInvalid) {

        private static final ErrorFields NOT_AN_OBJECT = new ErrorFields(false, null, null, false, null, false);

        /** Reads the value at the parser (anything: the checks come later). */
        static ErrorFields read(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return NOT_AN_OBJECT;
            }
            String message = null;
            String code = null;
            boolean codeInvalid = false;
            String extendedCode = null;
            boolean extendedCodeInvalid = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "message" -> message = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "code" -> {
                        code = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        codeInvalid = t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL;
                    }
                    case "extended_code" -> {
                        extendedCode = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        extendedCodeInvalid = t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL;
                    }
                    default -> {
                        // only its tokens are skipped below
                    }
                }
                p.skipChildren();
            }
            return new ErrorFields(true, message, code, codeInvalid, extendedCode, extendedCodeInvalid);
        }

        HranaError toError(JsonPath path) throws HranaCodecException {
            if (!object) {
                throw ValueJson.fail(path, "expected an object");
            }
            if (message == null) {
                throw ValueJson.fail(path.field("message"), "expected an error message string");
            }
            if (codeInvalid) {
                throw ValueJson.fail(path.field("code"), "expected a string or null");
            }
            if (extendedCodeInvalid) {
                throw ValueJson.fail(path.field("extended_code"), "expected a string or null");
            }
            return new HranaError(message, code, extendedCode);
        }
    }

    /** A strict error object ({@code {message, code?, extended_code?}}), the parser on its start. */
    static HranaError readError(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
        return ErrorFields.read(p).toError(path);
    }

    private static DescribeResult readDescribeResult(JsonParser p, JsonPath path)
            throws IOException, HranaCodecException {
        requireObjectStart(p, path);
        List<DescribeResult.DescribeParam> params = null;
        List<DescribeResult.DescribeCol> cols = null;
        int explain = 0; // 0 false or missing, 1 true, -1 not a boolean
        int readonly = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "params" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw ValueJson.fail(path.field("params"), "expected an array");
                    }
                    params = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonPath pp = path.field("params").index(params.size());
                        requireObjectStart(p, pp);
                        String paramName = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if (field.equals("name")) {
                                paramName = optText(p, pp, "name");
                            } else {
                                p.skipChildren();
                            }
                        }
                        params.add(new DescribeResult.DescribeParam(paramName));
                    }
                }
                case "cols" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw ValueJson.fail(path.field("cols"), "expected an array");
                    }
                    cols = new ArrayList<>();
                    for (Col col : readCols(p, path.field("cols"))) {
                        cols.add(new DescribeResult.DescribeCol(col.name(), col.decltype()));
                    }
                }
                case "is_explain" -> explain = bool(p, value);
                case "is_readonly" -> readonly = bool(p, value);
                default -> p.skipChildren();
            }
        }
        if (params == null) {
            throw ValueJson.fail(path.field("params"), "expected an array");
        }
        if (cols == null) {
            throw ValueJson.fail(path.field("cols"), "expected an array");
        }
        if (explain < 0) {
            throw ValueJson.fail(path.field("is_explain"), "expected a boolean");
        }
        if (readonly < 0) {
            throw ValueJson.fail(path.field("is_readonly"), "expected a boolean");
        }
        return new DescribeResult(params, cols, explain > 0, readonly > 0);
    }

    /** 1 for true, 0 for false or null, -1 for anything else. */
    private static int bool(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE) {
            return 1;
        }
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return 0;
        }
        p.skipChildren();
        return -1;
    }

    /** Columns ({@code [{name, decltype}, …]}), the parser on the array's start. */
    static List<Col> readCols(JsonParser p, JsonPath path) throws IOException, HranaCodecException {
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

    /** The {@code type} words of results, responses and values. */
    private static final String[] WORDS = {
        "integer",
        "text",
        "null",
        "float",
        "blob",
        "ok",
        "error",
        "execute",
        "close",
        "batch",
        "sequence",
        "describe",
        "store_sql",
        "close_sql",
        "get_autocommit"
    };

    /** The string at the parser: one of {@link #WORDS} without creating a string, or else its text. */
    private static String word(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        for (String word : WORDS) {
            if (word.length() == length && same(word, chars, offset)) {
                return word;
            }
        }
        return p.getText();
    }

    private static boolean same(String word, char[] chars, int offset) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
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
                            type = word(p);
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
