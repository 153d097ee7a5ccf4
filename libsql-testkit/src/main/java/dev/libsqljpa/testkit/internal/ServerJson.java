package dev.libsqljpa.testkit.internal;

import static dev.libsqljpa.hrana.v3.codec.ValueJson.fail;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optInt;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optText;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.optUnsignedLong;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.readValue;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.reqInt;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.reqNode;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.reqText;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.requireObject;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.writeError;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.writeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import dev.libsqljpa.hrana.v3.codec.JsonPath;
import dev.libsqljpa.hrana.v3.codec.ValueJson;
import dev.libsqljpa.hrana.v3.codec.ValueJson.Writer;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's Hrana JSON codec: decodes pipeline and cursor requests, encodes pipeline answers,
 * cursor lines and error bodies. Thread-safe; share one instance. The client direction is
 * {@code HranaJson} in libsql-hrana; both share
 * {@link ValueJson}.
 */
public final class ServerJson {

    private final ObjectMapper mapper = ValueJson.newMapper();

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

    private byte[] write(Writer writer) {
        return ValueJson.write(mapper, writer);
    }

    private JsonNode parse(byte[] json) throws HranaCodecException {
        return ValueJson.parse(mapper, json);
    }

    private byte[] line(Writer writer) {
        return ValueJson.line(mapper, writer);
    }
}
