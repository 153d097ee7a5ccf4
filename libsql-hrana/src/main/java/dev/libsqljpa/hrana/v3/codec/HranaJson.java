package dev.libsqljpa.hrana.v3.codec;

import static dev.libsqljpa.hrana.v3.codec.ValueJson.abbreviate;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.fail;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optBool;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optDouble;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optLongNumber;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optSignedLong;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optText;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optUnsignedLong;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.readError;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.readValue;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.reqNode;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.reqText;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.requireObject;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.textOrNull;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.writeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.hrana.v3.codec.ValueJson.Writer;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.CursorRequest;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
import dev.libsqljpa.hrana.v3.proto.DescribeStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.GetAutocommitStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.NamedArg;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.SequenceStreamReq;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StoreSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's Hrana JSON codec: encodes pipeline and cursor requests, decodes pipeline answers,
 * cursor bodies and error bodies. Thread-safe; share one instance. Decoding is strict where servers are
 * strict (an integer must be a decimal string) and ignores unknown fields. The server direction
 * (decoding requests, encoding answers) is not here: it lives with the test server in libsql-testkit.
 */
public final class HranaJson {

    private final ObjectMapper mapper;
    private final ResponseDecoder responseDecoder;

    public HranaJson() {
        this.mapper = ValueJson.newMapper();
        this.responseDecoder = new ResponseDecoder(mapper, this);
    }

    public byte[] encodeRequest(PipelineRequest request) {
        return write(gen -> {
            gen.writeStartObject();
            if (request.baton() == null) {
                gen.writeNullField("baton");
            } else {
                gen.writeStringField("baton", request.baton());
            }
            gen.writeArrayFieldStart("requests");
            for (StreamRequest r : request.requests()) {
                writeStreamRequest(gen, r);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    /** Encodes a single stream request (also useful for logging and tests). */
    public byte[] encodeStreamRequest(StreamRequest request) {
        return write(gen -> writeStreamRequest(gen, request));
    }

    /**
     * Decodes a pipeline answer with the streaming parser (no JSON tree; rows go straight into a
     * compact {@link dev.libsqljpa.hrana.v3.proto.RowTable}).
     */
    public PipelineResponse decodeResponse(byte[] json) throws HranaCodecException {
        return responseDecoder.decode(json);
    }

    /** As {@link #decodeResponse(byte[])}, reading the body from a stream (closed at the end). */
    public PipelineResponse decodeResponse(InputStream json) throws HranaCodecException {
        return responseDecoder.decode(json);
    }

    public byte[] encodeCursorRequest(CursorRequest request) {
        return write(gen -> {
            gen.writeStartObject();
            if (request.baton() == null) {
                gen.writeNullField("baton");
            } else {
                gen.writeStringField("baton", request.baton());
            }
            gen.writeFieldName("batch");
            writeBatch(gen, request.batch());
            gen.writeEndObject();
        });
    }

    /**
     * A reader of a cursor answer body (newline-separated JSON). Reads lazily: only the entry being
     * returned is in memory. The caller closes it (which closes the stream).
     */
    public CursorDecoder cursorDecoder(InputStream body) throws HranaCodecException {
        return new CursorDecoder(mapper, body);
    }

    /**
     * A reader of a pipeline answer that hands out one statement's rows while the body arrives
     * ({@link PipelineRowDecoder}). The caller closes it (which closes the stream).
     */
    public PipelineRowDecoder pipelineRowDecoder(InputStream body) throws HranaCodecException {
        return new PipelineRowDecoder(mapper, this, body);
    }

    /**
     * Reads a non-200 body if it is one of the JSON error shapes servers send ({@code {message,
     * code}}, {@code {error, code?}}, {@code {error: {message, code}}}); returns null for anything else
     * (plain text, HTML, empty, unrelated JSON).
     */
    public HranaError decodeErrorBodyOrNull(byte[] body) {
        JsonNode root;
        try {
            root = parse(body);
        } catch (HranaCodecException notJson) {
            return null;
        }
        if (!root.isObject()) {
            return null;
        }
        JsonNode message = root.get("message");
        JsonNode code = root.get("code");
        String codeText = code != null && code.isTextual() ? code.asText() : null;
        if (message != null && message.isTextual()) {
            return new HranaError(message.asText(), codeText, textOrNull(root.get("extended_code")));
        }
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            return new HranaError(error.asText(), codeText, textOrNull(root.get("extended_code")));
        }
        if (error != null
                && error.isObject()
                && error.get("message") != null
                && error.get("message").isTextual()) {
            return new HranaError(
                    error.get("message").asText(),
                    textOrNull(error.get("code")),
                    textOrNull(error.get("extended_code")));
        }
        return null;
    }

    private void writeStreamRequest(JsonGenerator gen, StreamRequest request) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("type", request.type());
        if (request instanceof ExecuteStreamReq execute) {
            gen.writeFieldName("stmt");
            writeStmt(gen, execute.stmt());
        } else if (request instanceof BatchStreamReq batch) {
            gen.writeFieldName("batch");
            writeBatch(gen, batch.batch());
        } else if (request instanceof SequenceStreamReq sequence) {
            writeSqlOrId(gen, sequence.sql(), sequence.sqlId());
        } else if (request instanceof DescribeStreamReq describe) {
            writeSqlOrId(gen, describe.sql(), describe.sqlId());
        } else if (request instanceof StoreSqlStreamReq store) {
            gen.writeNumberField("sql_id", store.sqlId());
            gen.writeStringField("sql", store.sql());
        } else if (request instanceof CloseSqlStreamReq closeSql) {
            gen.writeNumberField("sql_id", closeSql.sqlId());
        } else if (!(request instanceof CloseStreamReq || request instanceof GetAutocommitStreamReq)) {
            throw new AssertionError(request);
        }
        gen.writeEndObject();
    }

    private static void writeSqlOrId(JsonGenerator gen, String sql, Integer sqlId) throws IOException {
        if (sql != null) {
            gen.writeStringField("sql", sql);
        }
        if (sqlId != null) {
            gen.writeNumberField("sql_id", sqlId);
        }
    }

    private void writeStmt(JsonGenerator gen, Stmt stmt) throws IOException {
        gen.writeStartObject();
        writeSqlOrId(gen, stmt.sql(), stmt.sqlId());
        if (!stmt.args().isEmpty()) {
            gen.writeArrayFieldStart("args");
            for (Value value : stmt.args()) {
                writeValue(gen, value);
            }
            gen.writeEndArray();
        }
        if (!stmt.namedArgs().isEmpty()) {
            gen.writeArrayFieldStart("named_args");
            for (NamedArg arg : stmt.namedArgs()) {
                gen.writeStartObject();
                gen.writeStringField("name", arg.name());
                gen.writeFieldName("value");
                writeValue(gen, arg.value());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        gen.writeBooleanField("want_rows", stmt.wantRows());
        if (stmt.replicationIndex() != null) {
            gen.writeStringField("replication_index", Long.toUnsignedString(stmt.replicationIndex()));
        }
        gen.writeEndObject();
    }

    private void writeBatch(JsonGenerator gen, Batch batch) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("steps");
        for (BatchStep step : batch.steps()) {
            gen.writeStartObject();
            if (step.condition() != null) {
                gen.writeFieldName("condition");
                writeCond(gen, step.condition());
            }
            gen.writeFieldName("stmt");
            writeStmt(gen, step.stmt());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        if (batch.replicationIndex() != null) {
            gen.writeStringField("replication_index", Long.toUnsignedString(batch.replicationIndex()));
        }
        gen.writeEndObject();
    }

    private void writeCond(JsonGenerator gen, BatchCond cond) throws IOException {
        gen.writeStartObject();
        if (cond instanceof BatchCond.Ok ok) {
            gen.writeStringField("type", "ok");
            gen.writeNumberField("step", ok.step());
        } else if (cond instanceof BatchCond.Error error) {
            gen.writeStringField("type", "error");
            gen.writeNumberField("step", error.step());
        } else if (cond instanceof BatchCond.Not not) {
            gen.writeStringField("type", "not");
            gen.writeFieldName("cond");
            writeCond(gen, not.cond());
        } else if (cond instanceof BatchCond.And and) {
            gen.writeStringField("type", "and");
            gen.writeArrayFieldStart("conds");
            for (BatchCond c : and.conds()) {
                writeCond(gen, c);
            }
            gen.writeEndArray();
        } else if (cond instanceof BatchCond.Or or) {
            gen.writeStringField("type", "or");
            gen.writeArrayFieldStart("conds");
            for (BatchCond c : or.conds()) {
                writeCond(gen, c);
            }
            gen.writeEndArray();
        } else if (cond instanceof BatchCond.IsAutocommit) {
            gen.writeStringField("type", "is_autocommit");
        } else {
            throw new AssertionError(cond);
        }
        gen.writeEndObject();
    }

    StreamResult readStreamResult(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        String type = reqText(node, "type", p);
        return switch (type) {
            case "ok" -> new StreamResult.Ok(readStreamResponse(reqNode(node, "response", p), p.field("response")));
            case "error" -> new StreamResult.Failure(readError(reqNode(node, "error", p), p.field("error")));
            default -> throw fail(p.field("type"), "unknown result type '" + abbreviate(type) + "'");
        };
    }

    StreamResponse readStreamResponse(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        String type = reqText(node, "type", p);
        return switch (type) {
            case "execute" -> new StreamResponse.Execute(readStmtResult(reqNode(node, "result", p), p.field("result")));
            case "batch" -> new StreamResponse.Batch(readBatchResult(reqNode(node, "result", p), p.field("result")));
            case "describe" ->
                new StreamResponse.Describe(readDescribeResult(reqNode(node, "result", p), p.field("result")));
            case "get_autocommit" -> {
                JsonNode v = node.get("is_autocommit");
                if (v == null || !v.isBoolean()) {
                    throw fail(p.field("is_autocommit"), "expected a boolean");
                }
                yield new StreamResponse.GetAutocommit(v.booleanValue());
            }
            case "sequence" -> new StreamResponse.Sequence();
            case "store_sql" -> new StreamResponse.StoreSql();
            case "close_sql" -> new StreamResponse.CloseSql();
            case "close" -> new StreamResponse.Close();
            default -> throw fail(p.field("type"), "unknown response type '" + abbreviate(type) + "'");
        };
    }

    StmtResult readStmtResult(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        JsonNode colsNode = node.get("cols");
        if (colsNode == null || !colsNode.isArray()) {
            throw fail(p.field("cols"), "expected an array of columns");
        }
        List<Col> cols = new ArrayList<>(colsNode.size());
        for (int i = 0; i < colsNode.size(); i++) {
            JsonPath cp = p.field("cols").index(i);
            JsonNode col = colsNode.get(i);
            requireObject(col, cp);
            cols.add(new Col(optText(col, "name", cp), optText(col, "decltype", cp)));
        }
        JsonNode rowsNode = node.get("rows");
        if (rowsNode == null || !rowsNode.isArray()) {
            throw fail(p.field("rows"), "expected an array of rows");
        }
        List<List<Value>> rows = new ArrayList<>(rowsNode.size());
        for (int r = 0; r < rowsNode.size(); r++) {
            JsonPath rp = p.field("rows").index(r);
            JsonNode row = rowsNode.get(r);
            if (!row.isArray()) {
                throw fail(rp, "expected an array of values");
            }
            if (row.size() != cols.size()) {
                throw fail(rp, "row has " + row.size() + " values for " + cols.size() + " columns");
            }
            List<Value> values = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                values.add(readValue(row.get(c), rp.index(c)));
            }
            rows.add(values);
        }
        return new StmtResult(
                cols,
                rows,
                optLongNumber(node, "affected_row_count", p, 0L),
                optSignedLong(node, "last_insert_rowid", p),
                optUnsignedLong(node, "replication_index", p),
                optLongNumber(node, "rows_read", p, 0L),
                optLongNumber(node, "rows_written", p, 0L),
                optDouble(node, "query_duration_ms", p));
    }

    BatchResult readBatchResult(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        JsonNode results = node.get("step_results");
        JsonNode errors = node.get("step_errors");
        if (results == null || !results.isArray()) {
            throw fail(p.field("step_results"), "expected an array");
        }
        if (errors == null || !errors.isArray()) {
            throw fail(p.field("step_errors"), "expected an array");
        }
        if (results.size() != errors.size()) {
            throw fail(p, "step_results has " + results.size() + " entries but step_errors has " + errors.size());
        }
        List<StmtResult> stepResults = new ArrayList<>(results.size());
        List<HranaError> stepErrors = new ArrayList<>(errors.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            JsonNode e = errors.get(i);
            stepResults.add(
                    r.isNull()
                            ? null
                            : readStmtResult(r, p.field("step_results").index(i)));
            stepErrors.add(
                    e.isNull() ? null : readError(e, p.field("step_errors").index(i)));
        }
        return new BatchResult(stepResults, stepErrors);
    }

    DescribeResult readDescribeResult(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        JsonNode params = node.get("params");
        JsonNode cols = node.get("cols");
        if (params == null || !params.isArray()) {
            throw fail(p.field("params"), "expected an array");
        }
        if (cols == null || !cols.isArray()) {
            throw fail(p.field("cols"), "expected an array");
        }
        List<DescribeResult.DescribeParam> paramList = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            JsonPath pp = p.field("params").index(i);
            requireObject(params.get(i), pp);
            paramList.add(new DescribeResult.DescribeParam(optText(params.get(i), "name", pp)));
        }
        List<DescribeResult.DescribeCol> colList = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            JsonPath cp = p.field("cols").index(i);
            requireObject(cols.get(i), cp);
            colList.add(new DescribeResult.DescribeCol(
                    optText(cols.get(i), "name", cp), optText(cols.get(i), "decltype", cp)));
        }
        return new DescribeResult(paramList, colList, optBool(node, "is_explain", p), optBool(node, "is_readonly", p));
    }

    private byte[] write(Writer writer) {
        return ValueJson.write(mapper, writer);
    }

    private JsonNode parse(byte[] json) throws HranaCodecException {
        return ValueJson.parse(mapper, json);
    }
}
