package dev.libsqljpa.hrana.session;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import dev.libsqljpa.hrana.v3.codec.PipelineRowDecoder;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.RowsHead;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The answer of a pipeline sent with {@link HranaStream#openRows} (servers without streams): what the
 * answer held before the main step's rows ({@link #opened()}), then the rows as they arrive
 * ({@link #next()}), then the rest of the answer ({@link #rest()}). A body that breaks off or is not
 * valid Hrana fails with {@code IO} or {@code MALFORMED_RESPONSE}; a read that waits for the server
 * longer than the timeout fails with {@code TIMEOUT}; both abort the exchange. {@link #close()} before
 * the end aborts the exchange too (the server's answer is dropped; the query only read). Another request
 * on the stream before the end makes these rows read their rest into memory first. Thread-safe.
 */
public final class HranaRows implements AutoCloseable {

    private final HranaStream stream;
    private final PipelineRowDecoder decoder;
    private final URI where;
    private final RowsHead opened;
    private boolean done;
    private BatchResult rest;
    private final ArrivingAnswer<List<Value>> early = new ArrivingAnswer<>();

    HranaRows(HranaStream stream, PipelineRowDecoder decoder, URI where, RowsHead opened) {
        this.stream = stream;
        this.decoder = decoder;
        this.where = where;
        this.opened = opened;
        this.done = !(opened instanceof RowsHead.Streaming);
    }

    /** The answer could not be read up to the rows: aborts it and returns the classified failure. */
    HranaException failOpening(HranaCodecException e) {
        return fail(classify(e));
    }

    /** What the answer held before the rows; rows follow only for {@link RowsHead.Streaming}. */
    public RowsHead opened() {
        return opened;
    }

    /** The next row of the main step, or null after the last one. */
    public synchronized List<Value> next() throws HranaException {
        return early.inMemory() ? early.nextInMemory() : read();
    }

    /** After the last row: every step's result and error (the main step's result without its rows). */
    public synchronized BatchResult rest() {
        return rest;
    }

    /** Reads the remaining rows into memory (the connection is needed for another request). */
    synchronized void bufferRest() {
        early.bufferRest(this::read);
    }

    private List<Value> read() throws HranaException {
        if (done) {
            return null;
        }
        List<Value> row;
        try {
            row = decoder.nextRow();
        } catch (HranaCodecException e) {
            throw fail(classify(e));
        }
        if (row == null) {
            try {
                rest = decoder.rest();
            } catch (HranaCodecException e) {
                throw fail(classify(e));
            }
            finish();
        }
        return row;
    }

    private HranaException classify(HranaCodecException e) {
        return ArrivingAnswer.unreadable(e, "The answer", where, "the answer was abandoned");
    }

    /** Whether the last row was read (or the rows failed or were closed). */
    public synchronized boolean isDone() {
        return done;
    }

    /** Aborts the answer if it is not read to its end (the exchange is cancelled); idempotent. */
    @Override
    public synchronized void close() {
        early.drop();
        finish();
    }

    private HranaException fail(HranaException failure) {
        finish();
        return failure;
    }

    private void finish() {
        done = true;
        closeDecoder();
        stream.rowsEnded(this);
    }

    private void closeDecoder() {
        try {
            decoder.close();
        } catch (IOException ignored) {
            // The body is finished or abandoned either way.
        }
    }
}
