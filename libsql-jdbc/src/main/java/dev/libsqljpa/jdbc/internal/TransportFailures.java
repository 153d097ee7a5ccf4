package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.hrana.http.HranaException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;

/**
 * Classifies a transport failure by whether a transaction was open, for the two cases where the
 * context decides the SQLState (the rest is {@link SqlExceptions#fromTransport}):
 *
 * <ul>
 *   <li>The server no longer knows the stream (400 "invalid baton", 404 {@code STREAM_NOT_FOUND}) and
 *       nothing was processed, <b>outside a transaction</b>: nothing is lost and the next request opens a
 *       new stream, so the connection stays usable. Reported as {@code SQLTransientException} {@code HY000},
 *       not 08xxx (pools discard connections on 08xxx).</li>
 *   <li>429 <b>inside a transaction</b>: the request carried a baton, and a server ends a stream on any
 *       non-200 answer, so the transaction is gone. Reported as {@code SQLTransactionRollbackException}
 *       {@code 40001} ("roll back and retry the transaction"), never as a retryable HY000 that would let the
 *       caller continue a transaction the server no longer has.</li>
 * </ul>
 *
 * <p>The session calls {@link #map} where it now calls {@code SqlExceptions.fromTransport}, and marks the
 * transaction aborted when the result is a {@link SQLTransactionRollbackException}.
 */
public final class TransportFailures {
    private TransportFailures() {}

    /** Whether the failure means the stream is gone but nothing was processed and nothing is lost. */
    public static boolean isHarmlessStreamLoss(HranaException e, boolean inTransaction) {
        return !inTransaction && e.reason() == HranaException.Reason.STREAM_LOST && !e.mayHaveBeenProcessed();
    }

    /** Whether the failure ended the open transaction on the server (429 to a request with a baton). */
    public static boolean endsTransaction(HranaException e, boolean inTransaction) {
        return inTransaction && e.reason() == HranaException.Reason.RATE_LIMITED;
    }

    /** The SQLException for a transport failure of {@code context}, given whether a transaction was open. */
    public static SQLException map(String context, HranaException e, boolean inTransaction) {
        if (isHarmlessStreamLoss(e, inTransaction)) {
            return new SQLTransientException(context + " failed: " + e.getMessage() + "; nothing was executed and"
                    + " the connection is still usable: retry the statement", "HY000", 0, e);
        }
        if (endsTransaction(e, inTransaction)) {
            return new SQLTransactionRollbackException(context + " failed: " + e.getMessage() + "; the server "
                    + "refused a request of the open transaction (HTTP 429), which ends its stream: the "
                    + "transaction is gone. Roll back and retry the whole transaction.", "40001", 0, e);
        }
        return SqlExceptions.fromTransport(context, e);
    }
}
