package dev.libsqljpa.hrana.session;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.v3.codec.CursorDecoder;
import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import dev.libsqljpa.hrana.v3.proto.CursorEntry;
import java.io.IOException;
import java.net.URI;

/**
 * The entries of one {@code /v3/cursor} answer, read as they arrive (see
 * {@link HranaStream#openCursor}). {@link #next()} returns entries until the server's terminator, then
 * null; a batch-level {@link CursorEntry.Error} is returned and is the last entry. A body that breaks
 * off or is not valid Hrana fails with {@code IO} or {@code MALFORMED_RESPONSE} and breaks the stream; a
 * read that waits for the server longer than the cursor's timeout fails with {@code TIMEOUT}, aborts the
 * answer and breaks the stream too (so does {@link #close()} and {@link #bufferRest()}: none of them hangs).
 * {@link #close()} before the end reads and drops the rest, so the stream stays usable. Another request
 * on the stream before the end makes the cursor read its rest into memory first. Thread-safe.
 */
public final class HranaCursor implements AutoCloseable {

    private final HranaStream stream;
    private final CursorDecoder decoder;
    private final URI where;
    private boolean done;
    private final ArrivingAnswer<CursorEntry> early = new ArrivingAnswer<>();

    HranaCursor(HranaStream stream, CursorDecoder decoder, URI where) {
        this.stream = stream;
        this.decoder = decoder;
        this.where = where;
    }

    /** The next entry, or null after the last one. */
    public synchronized CursorEntry next() throws HranaException {
        return early.inMemory() ? early.nextInMemory() : read();
    }

    /**
     * Reads the remaining entries into memory (the stream needs the connection for another request);
     * {@link #next()} then returns them from memory. A failure is kept and thrown by {@code next()}.
     */
    synchronized void bufferRest() {
        early.bufferRest(this::read);
    }

    private CursorEntry read() throws HranaException {
        if (done) {
            return null;
        }
        CursorEntry entry;
        try {
            entry = decoder.next();
        } catch (HranaCodecException e) {
            throw fail(ArrivingAnswer.unreadable(
                    e, "The cursor answer", where, "the answer was abandoned and its server stream is unusable"));
        }
        if (entry == null) {
            throw fail(new HranaException(
                    HranaException.Reason.IO,
                    "The cursor answer from " + where
                            + " ended before its last entry; the server may have processed the request",
                    200,
                    null,
                    true,
                    null,
                    null));
        }
        if (entry instanceof CursorEntry.ReplicationIndex) {
            finish(null);
            return null;
        }
        if (entry instanceof CursorEntry.Error) {
            finish(null);
        }
        return entry;
    }

    /** Whether the last entry was read (or the cursor failed or was closed). */
    public synchronized boolean isDone() {
        return done;
    }

    /** Reads and drops the remaining entries, then releases the stream; idempotent. */
    @Override
    public synchronized void close() throws HranaException {
        early.drop();
        while (!done) {
            read();
        }
    }

    private HranaException fail(HranaException failure) {
        finish(failure);
        return failure;
    }

    private void finish(HranaException failure) {
        done = true;
        try {
            decoder.close();
        } catch (IOException ignored) {
            // The body is finished or abandoned either way.
        }
        stream.cursorEnded(this, failure);
    }
}
