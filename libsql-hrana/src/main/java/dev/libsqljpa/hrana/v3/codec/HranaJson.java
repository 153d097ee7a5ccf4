package dev.libsqljpa.hrana.v3.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.CursorEntry;
import dev.libsqljpa.hrana.v3.proto.CursorHead;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Hrana pipeline requests, responses and error bodies. Thread-safe; share one
 * instance. Decoding is strict where servers are strict (an integer must be a decimal string, a
 * request type must be known) and ignores unknown fields.
 */
public final class HranaJson {

    private static final Base64.Encoder BASE64_OUT = Base64.getEncoder().withoutPadding();

    private final ObjectMapper mapper;
    private final ResponseDecoder responseDecoder;

    public HranaJson() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNestingDepth(256)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.responseDecoder = new ResponseDecoder(mapper, this);
    }

    // ------------------------------------------------------------------ pipeline request

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

    public PipelineRequest decodeRequest(byte[] json) throws HranaCodecException {
        JsonNode root = parse(json);
        JsonPath p = JsonPath.ROOT;
        requireObject(root, p);
        String baton = optText(root, "baton", p);
        JsonNode requests = root.get("requests");
        if (requests == null || !requests.isArray()) {
            throw fail(p.field("requests"), "expected an array of requests");
        }
        List<StreamRequest> list = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            list.add(readStreamRequest(requests.get(i), p.field("requests").index(i)));
        }
        return new PipelineRequest(baton, list);
    }

    /** Encodes a single stream request (also useful for logging and tests). */
    public byte[] encodeStreamRequest(StreamRequest request) {
        return write(gen -> writeStreamRequest(gen, request));
    }

    // ------------------------------------------------------------------ pipeline response

    public byte[] encodeResponse(PipelineResponse response) {
        return write(gen -> {
            gen.writeStartObject();
            if (response.baton() == null) {
                gen.writeNullField("baton");
            } else {
                gen.writeStringField("baton", response.baton());
            }
            if (response.baseUrl() == null) {
                gen.writeNullField("base_url");
            } else {
                gen.writeStringField("base_url", response.baseUrl());
            }
            gen.writeArrayFieldStart("results");
            for (StreamResult result : response.results()) {
                writeStreamResult(gen, result);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
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

    // ------------------------------------------------------------------ cursor (/v3/cursor)

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

    public CursorRequest decodeCursorRequest(byte[] json) throws HranaCodecException {
        JsonNode root = parse(json);
        JsonPath p = JsonPath.ROOT;
        requireObject(root, p);
        String baton = optText(root, "baton", p);
        JsonNode batch = root.get("batch");
        if (batch == null || batch.isNull()) {
            throw fail(p.field("batch"), "missing");
        }
        return new CursorRequest(baton, readBatch(batch, p.field("batch")));
    }

    /** The head line of a cursor answer, with its newline. */
    public byte[] encodeCursorHead(CursorHead head) {
        return line(gen -> {
            gen.writeStartObject();
            if (head.baton() == null) {
                gen.writeNullField("baton");
            } else {
                gen.writeStringField("baton", head.baton());
            }
            if (head.baseUrl() == null) {
                gen.writeNullField("base_url");
            } else {
                gen.writeStringField("base_url", head.baseUrl());
            }
            gen.writeEndObject();
        });
    }

    /** One cursor entry line, with its newline. */
    public byte[] encodeCursorEntry(CursorEntry entry) {
        return line(gen -> {
            gen.writeStartObject();
            if (entry instanceof CursorEntry.StepBegin begin) {
                gen.writeStringField("type", "step_begin");
                gen.writeNumberField("step", begin.step());
                gen.writeArrayFieldStart("cols");
                for (Col col : begin.cols()) {
                    gen.writeStartObject();
                    gen.writeStringField("name", col.name());
                    gen.writeStringField("decltype", col.decltype());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            } else if (entry instanceof CursorEntry.Row row) {
                gen.writeStringField("type", "row");
                gen.writeArrayFieldStart("row");
                for (Value value : row.values()) {
                    writeValue(gen, value);
                }
                gen.writeEndArray();
            } else if (entry instanceof CursorEntry.StepEnd end) {
                gen.writeStringField("type", "step_end");
                gen.writeNumberField("affected_row_count", end.affectedRowCount());
                if (end.lastInsertRowid() == null) {
                    gen.writeNullField("last_insert_rowid");
                } else {
                    gen.writeStringField("last_insert_rowid", Long.toString(end.lastInsertRowid()));
                }
            } else if (entry instanceof CursorEntry.StepError error) {
                gen.writeStringField("type", "step_error");
                gen.writeNumberField("step", error.step());
                gen.writeFieldName("error");
                writeError(gen, error.error());
            } else if (entry instanceof CursorEntry.Error error) {
                gen.writeStringField("type", "error");
                gen.writeFieldName("error");
                writeError(gen, error.error());
            } else if (entry instanceof CursorEntry.ReplicationIndex index) {
                gen.writeStringField("type", "replication_index");
                if (index.replicationIndex() == null) {
                    gen.writeNullField("replication_index");
                } else {
                    gen.writeStringField("replication_index", Long.toUnsignedString(index.replicationIndex()));
                }
            } else {
                throw new AssertionError(entry);
            }
            gen.writeEndObject();
        });
    }

    /**
     * A reader of a cursor answer body (newline-separated JSON). Reads lazily: only the entry being
     * returned is in memory. The caller closes it (which closes the stream).
     */
    public CursorDecoder cursorDecoder(InputStream body) throws HranaCodecException {
        return new CursorDecoder(mapper, this, body);
    }

    // ------------------------------------------------------------------ error bodies

    /** {@code {"message": ..., "code": ...}}: sqld's body for protocol errors such as STREAM_EXPIRED. */
    public byte[] encodeError(HranaError error) {
        return write(gen -> writeError(gen, error));
    }

    /** {@code {"error": message}}: sqld's body for 401/403/404/429/5xx. */
    public byte[] encodeErrorField(String message) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("error", message);
            gen.writeEndObject();
        });
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

    // ------------------------------------------------------------------ writers

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

    /**
     * Writes a value. Integers as decimal strings and blobs as unpadded base64: neither contains a
     * character Jackson would escape, so servers can read them as borrowed strings.
     *
     * @throws IllegalArgumentException for a float that is not finite (no server can store it)
     */
    private static void writeValue(JsonGenerator gen, Value value) throws IOException {
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

    private void writeStreamResult(JsonGenerator gen, StreamResult result) throws IOException {
        gen.writeStartObject();
        if (result instanceof StreamResult.Ok ok) {
            gen.writeStringField("type", "ok");
            gen.writeFieldName("response");
            writeStreamResponse(gen, ok.response());
        } else if (result instanceof StreamResult.Failure failure) {
            gen.writeStringField("type", "error");
            gen.writeFieldName("error");
            writeError(gen, failure.error());
        } else {
            throw new AssertionError(result);
        }
        gen.writeEndObject();
    }

    private void writeStreamResponse(JsonGenerator gen, StreamResponse response) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("type", response.type());
        if (response instanceof StreamResponse.Execute execute) {
            gen.writeFieldName("result");
            writeStmtResult(gen, execute.result());
        } else if (response instanceof StreamResponse.Batch batch) {
            gen.writeFieldName("result");
            writeBatchResult(gen, batch.result());
        } else if (response instanceof StreamResponse.Describe describe) {
            gen.writeFieldName("result");
            writeDescribeResult(gen, describe.result());
        } else if (response instanceof StreamResponse.GetAutocommit autocommit) {
            gen.writeBooleanField("is_autocommit", autocommit.isAutocommit());
        } else if (!(response instanceof StreamResponse.Sequence
                || response instanceof StreamResponse.StoreSql
                || response instanceof StreamResponse.CloseSql
                || response instanceof StreamResponse.Close)) {
            throw new AssertionError(response);
        }
        gen.writeEndObject();
    }

    private void writeStmtResult(JsonGenerator gen, StmtResult result) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("cols");
        for (Col col : result.cols()) {
            gen.writeStartObject();
            if (col.name() == null) {
                gen.writeNullField("name");
            } else {
                gen.writeStringField("name", col.name());
            }
            if (col.decltype() == null) {
                gen.writeNullField("decltype");
            } else {
                gen.writeStringField("decltype", col.decltype());
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("rows");
        for (List<Value> row : result.rows()) {
            gen.writeStartArray();
            for (Value value : row) {
                writeValue(gen, value);
            }
            gen.writeEndArray();
        }
        gen.writeEndArray();
        gen.writeNumberField("affected_row_count", result.affectedRowCount());
        if (result.lastInsertRowid() == null) {
            gen.writeNullField("last_insert_rowid");
        } else {
            gen.writeStringField("last_insert_rowid", Long.toString(result.lastInsertRowid()));
        }
        if (result.replicationIndex() == null) {
            gen.writeNullField("replication_index");
        } else {
            gen.writeStringField("replication_index", Long.toUnsignedString(result.replicationIndex()));
        }
        gen.writeNumberField("rows_read", result.rowsRead());
        gen.writeNumberField("rows_written", result.rowsWritten());
        if (result.queryDurationMs() != null) {
            gen.writeNumberField("query_duration_ms", result.queryDurationMs());
        }
        gen.writeEndObject();
    }

    private void writeBatchResult(JsonGenerator gen, BatchResult result) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("step_results");
        for (StmtResult r : result.stepResults()) {
            if (r == null) {
                gen.writeNull();
            } else {
                writeStmtResult(gen, r);
            }
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("step_errors");
        for (HranaError e : result.stepErrors()) {
            if (e == null) {
                gen.writeNull();
            } else {
                writeError(gen, e);
            }
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void writeDescribeResult(JsonGenerator gen, DescribeResult result) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("params");
        for (DescribeResult.DescribeParam param : result.params()) {
            gen.writeStartObject();
            if (param.name() == null) {
                gen.writeNullField("name");
            } else {
                gen.writeStringField("name", param.name());
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("cols");
        for (DescribeResult.DescribeCol col : result.cols()) {
            gen.writeStartObject();
            gen.writeStringField("name", col.name());
            if (col.decltype() == null) {
                gen.writeNullField("decltype");
            } else {
                gen.writeStringField("decltype", col.decltype());
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeBooleanField("is_explain", result.isExplain());
        gen.writeBooleanField("is_readonly", result.isReadonly());
        gen.writeEndObject();
    }

    private static void writeError(JsonGenerator gen, HranaError error) throws IOException {
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

    // ------------------------------------------------------------------ readers

    private StreamRequest readStreamRequest(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        String type = reqText(node, "type", p);
        return switch (type) {
            case "execute" -> new ExecuteStreamReq(readStmt(reqNode(node, "stmt", p), p.field("stmt")));
            case "batch" -> new BatchStreamReq(readBatch(reqNode(node, "batch", p), p.field("batch")));
            case "sequence" -> new SequenceStreamReq(optText(node, "sql", p), optInt(node, "sql_id", p));
            case "describe" -> new DescribeStreamReq(optText(node, "sql", p), optInt(node, "sql_id", p));
            case "store_sql" -> new StoreSqlStreamReq(reqInt(node, "sql_id", p), reqText(node, "sql", p));
            case "close_sql" -> new CloseSqlStreamReq(reqInt(node, "sql_id", p));
            case "close" -> new CloseStreamReq();
            case "get_autocommit" -> new GetAutocommitStreamReq();
            default -> throw fail(p.field("type"), "unknown request type '" + type + "'");
        };
    }

    private Stmt readStmt(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        List<Value> args = List.of();
        JsonNode argsNode = node.get("args");
        if (argsNode != null && !argsNode.isNull()) {
            if (!argsNode.isArray()) {
                throw fail(p.field("args"), "expected an array of values");
            }
            args = new ArrayList<>(argsNode.size());
            for (int i = 0; i < argsNode.size(); i++) {
                args.add(readValue(argsNode.get(i), p.field("args").index(i)));
            }
        }
        List<NamedArg> namedArgs = List.of();
        JsonNode namedNode = node.get("named_args");
        if (namedNode != null && !namedNode.isNull()) {
            if (!namedNode.isArray()) {
                throw fail(p.field("named_args"), "expected an array of named arguments");
            }
            namedArgs = new ArrayList<>(namedNode.size());
            for (int i = 0; i < namedNode.size(); i++) {
                JsonPath ap = p.field("named_args").index(i);
                JsonNode arg = namedNode.get(i);
                requireObject(arg, ap);
                namedArgs.add(new NamedArg(
                        reqText(arg, "name", ap), readValue(reqNode(arg, "value", ap), ap.field("value"))));
            }
        }
        boolean wantRows = true;
        JsonNode wantRowsNode = node.get("want_rows");
        if (wantRowsNode != null && !wantRowsNode.isNull()) {
            if (!wantRowsNode.isBoolean()) {
                throw fail(p.field("want_rows"), "expected a boolean");
            }
            wantRows = wantRowsNode.booleanValue();
        }
        return new Stmt(
                optText(node, "sql", p),
                optInt(node, "sql_id", p),
                args,
                namedArgs,
                wantRows,
                optUnsignedLong(node, "replication_index", p));
    }

    private Batch readBatch(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        JsonNode steps = node.get("steps");
        if (steps == null || !steps.isArray()) {
            throw fail(p.field("steps"), "expected an array of steps");
        }
        List<BatchStep> list = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            JsonPath sp = p.field("steps").index(i);
            JsonNode step = steps.get(i);
            requireObject(step, sp);
            JsonNode cond = step.get("condition");
            BatchCond condition = cond == null || cond.isNull() ? null : readCond(cond, sp.field("condition"));
            list.add(new BatchStep(condition, readStmt(reqNode(step, "stmt", sp), sp.field("stmt"))));
        }
        return new Batch(list, optUnsignedLong(node, "replication_index", p));
    }

    private BatchCond readCond(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        String type = reqText(node, "type", p);
        return switch (type) {
            case "ok" -> new BatchCond.Ok(reqInt(node, "step", p));
            case "error" -> new BatchCond.Error(reqInt(node, "step", p));
            case "not" -> new BatchCond.Not(readCond(reqNode(node, "cond", p), p.field("cond")));
            case "and" -> new BatchCond.And(readConds(node, p));
            case "or" -> new BatchCond.Or(readConds(node, p));
            case "is_autocommit" -> new BatchCond.IsAutocommit();
            default -> throw fail(p.field("type"), "unknown condition type '" + type + "'");
        };
    }

    private List<BatchCond> readConds(JsonNode node, JsonPath p) throws HranaCodecException {
        JsonNode conds = node.get("conds");
        if (conds == null || !conds.isArray()) {
            throw fail(p.field("conds"), "expected an array of conditions");
        }
        List<BatchCond> list = new ArrayList<>(conds.size());
        for (int i = 0; i < conds.size(); i++) {
            list.add(readCond(conds.get(i), p.field("conds").index(i)));
        }
        return list;
    }

    Value readValue(JsonNode node, JsonPath p) throws HranaCodecException {
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

    HranaError readError(JsonNode node, JsonPath p) throws HranaCodecException {
        requireObject(node, p);
        JsonNode message = node.get("message");
        if (message == null || !message.isTextual()) {
            throw fail(p.field("message"), "expected an error message string");
        }
        return new HranaError(message.asText(), optText(node, "code", p), optText(node, "extended_code", p));
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator gen) throws IOException;
    }

    private byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            writer.write(gen);
        } catch (IOException e) {
            // Writing to memory cannot fail for I/O reasons.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] line(Writer writer) {
        byte[] body = write(writer);
        byte[] withNewline = Arrays.copyOf(body, body.length + 1);
        withNewline[body.length] = '\n';
        return withNewline;
    }

    private JsonNode parse(byte[] json) throws HranaCodecException {
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

    static void requireObject(JsonNode node, JsonPath p) throws HranaCodecException {
        if (node == null || !node.isObject()) {
            throw fail(p, "expected an object");
        }
    }

    private static JsonNode reqNode(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw fail(p.field(field), "missing");
        }
        return v;
    }

    private static String reqText(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw fail(p.field(field), "expected a string");
        }
        return v.asText();
    }

    static String optText(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw fail(p.field(field), "expected a string or null");
        }
        return v.asText();
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static int reqInt(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        Integer v = optInt(node, field, p);
        if (v == null) {
            throw fail(p.field(field), "missing");
        }
        return v;
    }

    private static Integer optInt(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(p.field(field), "expected a 32-bit integer");
        }
        return v.intValue();
    }

    private static boolean optBool(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw fail(p.field(field), "expected a boolean");
        }
        return v.booleanValue();
    }

    static long optLongNumber(JsonNode node, String field, JsonPath p, long dflt) throws HranaCodecException {
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
    static Long optSignedLong(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return optLongNumber(node, field, p, 0L);
    }

    /** An unsigned 64-bit value (replication index) as a string or number. */
    static Long optUnsignedLong(JsonNode node, String field, JsonPath p) throws HranaCodecException {
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

    static Double optDouble(JsonNode node, String field, JsonPath p) throws HranaCodecException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw fail(p.field(field), "expected a number");
        }
        return v.doubleValue();
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    static HranaCodecException fail(JsonPath p, String what) {
        return new HranaCodecException("invalid Hrana JSON at " + p + ": " + what);
    }
}
