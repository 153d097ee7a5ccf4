package dev.libsqljpa.hrana.v3.codec;

import static dev.libsqljpa.hrana.v3.codec.ValueJson.textOrNull;
import static dev.libsqljpa.hrana.v3.codec.ValueJson.writeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.hrana.v3.codec.ValueJson.Writer;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.CursorRequest;
import dev.libsqljpa.hrana.v3.proto.DescribeStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.GetAutocommitStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.NamedArg;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.SequenceStreamReq;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StoreSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.IOException;
import java.io.InputStream;

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
        this.responseDecoder = new ResponseDecoder(mapper.getFactory());
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
        return new PipelineRowDecoder(mapper.getFactory(), body);
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

    private byte[] write(Writer writer) {
        return ValueJson.write(mapper, writer);
    }

    private JsonNode parse(byte[] json) throws HranaCodecException {
        return ValueJson.parse(mapper, json);
    }
}
