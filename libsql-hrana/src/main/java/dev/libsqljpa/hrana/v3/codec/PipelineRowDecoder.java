package dev.libsqljpa.hrana.v3.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.RowTable;
import dev.libsqljpa.hrana.v3.proto.RowsHead;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer to a pipeline of ONE {@code execute} or {@code batch} request while it arrives,
 * handing out the rows of one statement (the "main" step) one at a time, so that the rows never
 * need to be in memory together. Everything else of the answer is small and read whole: the results
 * of the steps before the main step (they come first in {@code step_results}), and, after the rows,
 * the rest of the answer (later steps, {@code step_errors}), which {@link #rest()} returns.
 *
 * <p>{@link #open(int)} reads up to the first row. When there is nothing to stream (the request
 * failed as a whole, the main step has no result, or a step before it has none, so its error is
 * only known at the end) it reads the whole answer and returns it as {@link RowsHead.Complete}.
 *
 * <p>Requires {@code cols} before {@code rows} in the main step's result and {@code type} before
 * {@code response} in the request's result, the order every server writes (a different order fails
 * with a clear message). Not thread-safe.
 */
public final class PipelineRowDecoder implements Closeable {

    private final JsonParser parser;
    private boolean batch;
    private int main;
    private List<Col> cols;
    private final List<StmtResult> results = new ArrayList<>();
    private List<HranaError> errors;
    private int rowIndex;
    private boolean rowsEnded;

    PipelineRowDecoder(JsonFactory factory, InputStream body) throws HranaCodecException {
        try {
            this.parser = factory.createParser(body);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable answer: " + e.getMessage(), e);
        }
    }

    /**
     * Reads up to the main step's first row.
     *
     * @param mainStep the step whose rows are streamed (0 for an {@code execute})
     */
    public RowsHead open(int mainStep) throws HranaCodecException {
        this.main = mainStep;
        try {
            return openInternal();
        } catch (HranaCodecException e) {
            throw e;
        } catch (JsonEOFException e) {
            throw new HranaCodecException("unreadable answer: it broke off: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new HranaCodecException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private RowsHead openInternal() throws IOException, HranaCodecException {
        JsonPath root = JsonPath.ROOT;
        expect(JsonToken.START_OBJECT, root, "expected an object");
        while (nextField()) {
            if (!parser.currentName().equals("results")) {
                parser.nextToken();
                skipValue();
                continue;
            }
            expect(JsonToken.START_ARRAY, root.field("results"), "expected an array of results");
            JsonPath rp = root.field("results").index(0);
            expect(JsonToken.START_OBJECT, rp, "expected an object");
            String type = null;
            HranaError error = null;
            while (nextField()) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("type") && parser.currentToken() == JsonToken.VALUE_STRING) {
                    type = parser.getText();
                } else if (name.equals("response") && "ok".equals(type)) {
                    RowsHead opened = openResponse(rp.field("response"));
                    if (opened != null) {
                        return opened;
                    }
                } else if (name.equals("response")) {
                    throw ValueJson.fail(rp.field("type"), "expected before the response");
                } else if (name.equals("error") && parser.currentToken() != JsonToken.VALUE_NULL) {
                    error = ResponseDecoder.readError(parser, rp.field("error"));
                } else {
                    skipValue();
                }
            }
            if ("error".equals(type) && error != null) {
                finishDocument(true);
                return new RowsHead.Failed(error);
            }
            throw ValueJson.fail(rp, "expected an ok result with a response, or an error");
        }
        throw ValueJson.fail(root.field("results"), "expected an array of results");
    }

    /** In the response object; returns null when it ended without a result (malformed). */
    private RowsHead openResponse(JsonPath path) throws IOException, HranaCodecException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw ValueJson.fail(path, "expected an object");
        }
        String type = null;
        while (nextField()) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("type") && parser.currentToken() == JsonToken.VALUE_STRING) {
                type = parser.getText();
            } else if (name.equals("result") && ("execute".equals(type) || "batch".equals(type))) {
                batch = type.equals("batch");
                JsonPath result = path.field("result");
                RowsHead opened = batch ? openBatch(result) : openStmt(result, true);
                if (opened != null) {
                    return opened;
                }
                // An execute without rows: not possible (openStmt streams or fails).
            } else if (name.equals("result")) {
                throw ValueJson.fail(path.field("type"), "expected execute or batch before the result");
            } else {
                skipValue();
            }
        }
        throw ValueJson.fail(path.field("result"), "missing");
    }

    /** In a statement result object: reads its cols, stops at its rows. */
    private RowsHead openStmt(JsonPath path, boolean alone) throws IOException, HranaCodecException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw ValueJson.fail(path, "expected an object");
        }
        while (nextField()) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("cols")) {
                cols = readCols(path.field("cols"));
            } else if (name.equals("rows")) {
                if (cols == null) {
                    throw ValueJson.fail(
                            path.field("cols"), "expected before the rows (the answer cannot be streamed)");
                }
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw ValueJson.fail(path.field("rows"), "expected an array of rows");
                }
                rowPath = path.field("rows");
                return new RowsHead.Streaming(cols, List.copyOf(results));
            } else {
                skipValue();
            }
        }
        throw ValueJson.fail(path.field("rows"), "expected an array of rows");
    }

    private JsonPath rowPath;

    private RowsHead openBatch(JsonPath path) throws IOException, HranaCodecException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw ValueJson.fail(path, "expected an object");
        }
        while (nextField()) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("step_results")) {
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw ValueJson.fail(path.field("step_results"), "expected an array");
                }
                boolean streamable = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonPath sp = path.field("step_results").index(results.size());
                    boolean isNull = parser.currentToken() == JsonToken.VALUE_NULL;
                    if (results.size() == main && streamable && !isNull) {
                        return openStmt(sp, false);
                    }
                    streamable &= !isNull;
                    results.add(isNull ? null : ResponseDecoder.readStmtResult(parser, sp));
                }
            } else if (name.equals("step_errors")) {
                errors = readErrors(path.field("step_errors"));
            } else {
                skipValue();
            }
        }
        finishDocument(false);
        return new RowsHead.Complete(batchResult(path));
    }

    /** The main step's next row, or null after its last one (the rest is then read: {@link #rest()}). */
    public List<Value> nextRow() throws HranaCodecException {
        if (rowsEnded) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                rowsEnded = true;
                readRest();
                return null;
            }
            if (t != JsonToken.START_ARRAY) {
                throw t == null
                        ? new HranaCodecException("unreadable answer: it ended within the rows")
                        : ValueJson.fail(rowPath.index(rowIndex), "expected an array of values");
            }
            RowTable.Builder one = new RowTable.Builder(cols.size());
            int c = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new HranaCodecException("unreadable answer: it ended within a row");
                }
                ResponseDecoder.ValueReader.read(parser, one, JsonPath.ROOT, "rows", rowIndex, c);
                c++;
            }
            if (c != cols.size()) {
                throw ValueJson.fail(
                        rowPath.index(rowIndex), "row has " + c + " values for " + cols.size() + " columns");
            }
            one.endRow();
            rowIndex++;
            RowTable table = one.build();
            return table.get(0);
        } catch (HranaCodecException e) {
            throw e;
        } catch (JsonEOFException e) {
            throw new HranaCodecException("unreadable answer: it broke off: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new HranaCodecException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HranaCodecException("unreadable answer: " + e.getMessage(), e);
        }
    }

    /** After the last row: the results and errors of every step (the main step's result without rows). */
    public BatchResult rest() throws HranaCodecException {
        if (!rowsEnded) {
            throw new IllegalStateException("the rows are not read yet");
        }
        return batchResult(JsonPath.ROOT);
    }

    private void readRest() throws IOException, HranaCodecException {
        while (nextField()) { // the rest of the main step's result
            parser.nextToken();
            skipValue();
        }
        results.add(new StmtResult(cols, RowTable.EMPTY, 0, null, null, 0, 0, null));
        if (batch) {
            while (parser.nextToken() != JsonToken.END_ARRAY) { // the later step results
                requireMore();
                JsonPath sp = JsonPath.ROOT.field("step_results").index(results.size());
                results.add(
                        parser.currentToken() == JsonToken.VALUE_NULL
                                ? null
                                : ResponseDecoder.readStmtResult(parser, sp));
            }
            while (nextField()) { // the rest of the batch result
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("step_errors")) {
                    errors = readErrors(JsonPath.ROOT.field("step_errors"));
                } else {
                    skipValue();
                }
            }
        }
        finishDocument(false);
    }

    /** Closes the response, result, results array and root objects; nothing may follow. */
    private void finishDocument(boolean inResultsArray) throws IOException, HranaCodecException {
        int objects = inResultsArray ? 0 : 2; // response, then the request's result
        for (int i = 0; i < objects; i++) {
            while (nextField()) {
                parser.nextToken();
                skipValue();
            }
        }
        JsonToken t = parser.nextToken();
        requireMore();
        if (t != JsonToken.END_ARRAY) {
            throw ValueJson.fail(JsonPath.ROOT.field("results"), "expected exactly one result");
        }
        while (nextField()) {
            parser.nextToken();
            skipValue();
        }
        if (parser.nextToken() != null) {
            throw new HranaCodecException("malformed JSON: Trailing token found after value");
        }
    }

    private BatchResult batchResult(JsonPath path) throws HranaCodecException {
        if (!batch) {
            List<HranaError> none = new ArrayList<>();
            none.add(null);
            return new BatchResult(results, none);
        }
        if (errors == null) {
            throw ValueJson.fail(path.field("step_errors"), "expected an array");
        }
        if (errors.size() != results.size()) {
            throw ValueJson.fail(
                    path, "step_results has " + results.size() + " entries but step_errors has " + errors.size());
        }
        return new BatchResult(results, errors);
    }

    private List<HranaError> readErrors(JsonPath path) throws IOException, HranaCodecException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw ValueJson.fail(path, "expected an array");
        }
        List<HranaError> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            requireMore();
            list.add(
                    parser.currentToken() == JsonToken.VALUE_NULL
                            ? null
                            : ResponseDecoder.readError(parser, path.index(list.size())));
        }
        return list;
    }

    private List<Col> readCols(JsonPath path) throws IOException, HranaCodecException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw ValueJson.fail(path, "expected an array of columns");
        }
        return ResponseDecoder.readCols(parser, path);
    }

    /** Advances to the next field of the current object; false at its end. */
    private boolean nextField() throws IOException, HranaCodecException {
        JsonToken t = parser.nextToken();
        requireMore();
        return t == JsonToken.FIELD_NAME;
    }

    private void expect(JsonToken token, JsonPath path, String message) throws IOException, HranaCodecException {
        JsonToken t = parser.nextToken();
        requireMore();
        if (t != token) {
            throw ValueJson.fail(path, message);
        }
    }

    private void requireMore() throws HranaCodecException {
        if (parser.currentToken() == null) {
            throw new HranaCodecException("unreadable answer: it ended before its end");
        }
    }

    private void skipValue() throws IOException {
        parser.skipChildren();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
