package dev.libsqljpa.hrana.session;

import dev.libsqljpa.hrana.http.BodyReadTimeoutException;
import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import java.net.URI;
import java.util.ArrayDeque;

/**
 * What {@link HranaRows} and {@link HranaCursor} share: the rest of an answer read into memory early
 * (another request needs the connection), and the classification of a body that cannot be read. Not
 * thread-safe: its owner guards it.
 *
 * @param <E> what one read yields (a row, a cursor entry)
 */
final class ArrivingAnswer<E> {

    /** One read from the body; null after the last entry. */
    interface Source<E> {
        E read() throws HranaException;
    }

    private ArrayDeque<E> buffered;
    private HranaException bufferedFailure;

    /** Whether the rest was read into memory ({@link #bufferRest}) or dropped ({@link #drop}). */
    boolean inMemory() {
        return buffered != null;
    }

    /** The next entry from memory, then the failure that ended the body (once), then null. */
    E nextInMemory() throws HranaException {
        if (!buffered.isEmpty()) {
            return buffered.removeFirst();
        }
        if (bufferedFailure != null) {
            HranaException failure = bufferedFailure;
            bufferedFailure = null;
            throw failure;
        }
        return null;
    }

    /** Reads every remaining entry into memory; a failure is kept for {@link #nextInMemory}. */
    void bufferRest(Source<E> source) {
        if (buffered != null) {
            return;
        }
        ArrayDeque<E> rest = new ArrayDeque<>();
        try {
            for (E e = source.read(); e != null; e = source.read()) {
                rest.add(e);
            }
        } catch (HranaException e) {
            bufferedFailure = e;
        }
        buffered = rest;
    }

    /** Forgets what is in memory: later reads find nothing. */
    void drop() {
        buffered = new ArrayDeque<>();
        bufferedFailure = null;
    }

    /**
     * A body that could not be read: {@code TIMEOUT} for a stall past the read timeout, {@code IO} for
     * one that broke off, else {@code MALFORMED_RESPONSE}.
     *
     * @param answer how the message names the answer ("The answer", "The cursor answer")
     * @param abandoned what a stall left behind, for the message
     */
    static HranaException unreadable(HranaCodecException e, String answer, URI where, String abandoned) {
        if (BodyReadTimeoutException.isCause(e)) {
            return new HranaException(
                    HranaException.Reason.TIMEOUT,
                    answer + " from " + where + " stalled: " + e.getCause().getMessage() + "; " + abandoned,
                    true,
                    e);
        }
        boolean io = e.getMessage() != null && e.getMessage().startsWith("unreadable");
        return new HranaException(
                io ? HranaException.Reason.IO : HranaException.Reason.MALFORMED_RESPONSE,
                answer + " from " + where + (io ? " broke off" : " is not valid Hrana JSON")
                        + "; the server may have processed the request: " + e.getMessage(),
                200,
                null,
                true,
                null,
                e);
    }
}
