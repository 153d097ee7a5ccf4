package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.DescribeResult;
import dev.libsqljpa.hrana.v3.proto.DescribeStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.GetAutocommitStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends request plans on the connection's Hrana stream and turns the answers into one
 * {@link BatchResult} shape; classifies transport failures for statements (docs/protocol.md):
 * a stream that expired while holding nothing written is retried once on a fresh stream, an
 * outcome that is unknown breaks the connection, a request that never arrived leaves it usable.
 */
final class StreamExchange {
    /** A request that failed below the SQL level; {@code cancelled} when {@code cancel()} caused it. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final transient HranaException failure;
        final boolean cancelled;
        final boolean streamWasOpen;

        Failed(HranaException failure, boolean cancelled, boolean streamWasOpen) {
            super(null, null, false, false);
            this.failure = failure;
            this.cancelled = cancelled;
            this.streamWasOpen = streamWasOpen;
        }

        /** Whether the request provably never reached the server and the stream is intact. */
        boolean notSent(HranaStream stream) {
            return !failure.mayHaveBeenProcessed() && !cancelled && !stream.isBroken();
        }

        /** The server lost the stream as a whole (expired, or unknown and not processed). */
        boolean streamGone() {
            HranaException.Reason reason = failure.reason();
            return streamWasOpen
                    && !cancelled
                    && (reason == HranaException.Reason.STREAM_EXPIRED
                            || reason == HranaException.Reason.STREAM_LOST && !failure.mayHaveBeenProcessed());
        }

        SQLException mapped(String context) {
            return cancelled
                    ? SqlExceptions.cancelled(context, failure)
                    : SqlExceptions.fromTransport(context, failure);
        }
    }

    /** A stream that held nothing written expired or was lost: the attempt may run again on a new stream. */
    static final class RetryOnNewStream extends Exception {
        private static final long serialVersionUID = 1L;
        final SQLException failure;

        RetryOnNewStream(SQLException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** One attempt of a request; may ask to be retried on a fresh stream. */
    interface Attempt<T> {
        T run() throws SQLException, RetryOnNewStream;
    }

    /** Runs the attempt, and once more on a fresh stream if the first one asks for it. */
    static <T> T retryOnFreshStream(Attempt<T> attempt) throws SQLException {
        try {
            return attempt.run();
        } catch (RetryOnNewStream first) {
            try {
                return attempt.run();
            } catch (RetryOnNewStream second) {
                throw second.failure;
            }
        }
    }

    private final HranaStream stream;
    private final ServerKind kind;
    private final TransactionState tx;
    private final InFlightRequest inFlight = new InFlightRequest();
    /** The thread waiting for more rows of a streamed answer or cursor (read outside the session lock). */
    private final InFlightRequest rowRead = new InFlightRequest();

    private SQLException broken;
    /** The get_autocommit answer of the last request (v3, inside a transaction), else null. */
    private Boolean lastServerAutocommit;

    StreamExchange(HranaStream stream, ServerKind kind, TransactionState tx) {
        this.stream = stream;
        this.kind = kind;
        this.tx = tx;
    }

    HranaStream stream() {
        return stream;
    }

    boolean minimal() {
        return kind == ServerKind.MINIMAL;
    }

    /** The failure that broke the connection, or null. */
    SQLException broken() {
        return broken;
    }

    /** Whether the server said (get_autocommit) that no transaction is open after the last request. */
    boolean serverInAutocommit() {
        return Boolean.TRUE.equals(lastServerAutocommit);
    }

    /** Best effort: interrupts the thread waiting for the in-flight request or for more rows. */
    void cancel() {
        inFlight.cancel();
        rowRead.cancel();
    }

    /**
     * Reads more of an answer that arrives after its request (streamed rows, a cursor) so that
     * {@code cancel()} can abort the wait; a failure is mapped, {@code 57014} when the cancel caused it.
     */
    <T> T readArriving(Session.ArrivingRead<T> read, String context) throws SQLException {
        rowRead.start();
        try {
            return read.read();
        } catch (HranaException e) {
            return throwMapped(e, rowRead.consumeCancel(), context);
        } finally {
            rowRead.end();
        }
    }

    private static <T> T throwMapped(HranaException e, boolean cancelled, String context) throws SQLException {
        throw cancelled ? SqlExceptions.cancelled(context, e) : SqlExceptions.fromTransport(context, e);
    }

    /**
     * Sends raw requests, closing the stream in the same request unless {@code keepOpen} (minimal
     * servers have no streams to close).
     */
    List<StreamResult> exchange(List<StreamRequest> requests, boolean keepOpen, Duration timeout) throws Failed {
        boolean streamWasOpen = stream.isOpen();
        inFlight.start();
        try {
            return keepOpen || minimal() ? stream.send(requests, timeout) : stream.sendAndClose(requests, timeout);
        } catch (HranaException e) {
            throw new Failed(e, inFlight.consumeCancel(), streamWasOpen);
        } finally {
            inFlight.end();
        }
    }

    /**
     * Sends a plan (as one {@code execute} when it is a single ungated step, else one {@code batch});
     * inside a transaction on Hrana 3 also asks {@code get_autocommit}. A malformed answer breaks
     * the connection ({@code 08P01}).
     */
    BatchResult send(RequestPlan plan, boolean keepOpen, Duration timeout, String context) throws SQLException, Failed {
        List<StreamRequest> requests = new ArrayList<>(2);
        boolean single = plan.isSingle();
        requests.add(
                single ? new ExecuteStreamReq(plan.steps.get(0).stmt()) : new BatchStreamReq(new Batch(plan.steps)));
        boolean askAutocommit = keepOpen && kind == ServerKind.FULL_V3;
        if (askAutocommit) {
            requests.add(new GetAutocommitStreamReq());
        }
        List<StreamResult> results = exchange(requests, keepOpen, timeout);
        if (results.size() != requests.size()) {
            throw breakWith(SqlExceptions.protocolViolation(context + ": the server answered " + results.size()
                    + " results for " + requests.size() + " requests"));
        }
        lastServerAutocommit = askAutocommit ? autocommitAnswer(results.get(1)) : null;
        return toBatchResult(results.get(0), single, plan, context);
    }

    private static Boolean autocommitAnswer(StreamResult result) {
        if (result instanceof StreamResult.Ok ok && ok.response() instanceof StreamResponse.GetAutocommit answer) {
            return answer.isAutocommit();
        }
        return null;
    }

    private BatchResult toBatchResult(StreamResult first, boolean single, RequestPlan plan, String context)
            throws SQLException {
        if (first instanceof StreamResult.Failure failure) {
            if (!single) {
                throw tx.statementFailed(context, failure.error());
            }
            List<HranaError> errors = new ArrayList<>();
            errors.add(failure.error());
            List<StmtResult> none = new ArrayList<>();
            none.add(null);
            return new BatchResult(none, errors);
        }
        StreamResponse response = ((StreamResult.Ok) first).response();
        if (response instanceof StreamResponse.Execute execute) {
            List<StmtResult> one = new ArrayList<>();
            one.add(execute.result());
            List<HranaError> none = new ArrayList<>();
            none.add(null);
            return new BatchResult(one, none);
        }
        if (response instanceof StreamResponse.Batch batch) {
            BatchResult result = batch.result();
            int steps = plan.steps.size();
            if (result.stepResults().size() != steps || result.stepErrors().size() != steps) {
                throw breakWith(SqlExceptions.protocolViolation(context + ": the server answered "
                        + result.stepResults().size() + " step results for " + steps + " steps"));
            }
            return result;
        }
        throw breakWith(SqlExceptions.protocolViolation(context + ": unexpected response type " + response.type()));
    }

    SQLException breakWith(SQLException failure) {
        broken = failure;
        return failure;
    }

    /**
     * Classifies a failed statement request: a stream that expired (or was lost unprocessed)
     * holding nothing written is retried on a new stream; one that held writes aborts the
     * transaction ({@code 40000}); an unknown outcome breaks the connection; a request that never
     * arrived leaves everything as it was.
     */
    SQLException statementFailure(String context, Failed f) throws RetryOnNewStream {
        if (f.streamGone()) {
            stream.reset();
            tx.rollbackDelivered();
            String why = f.failure.reason() == HranaException.Reason.STREAM_EXPIRED
                    ? "the stream expired on the server after being idle longer than its stream timeout (sqld: 10 s)"
                    : "the server no longer knows the stream (it was restarted or the stream was dropped)";
            if (!tx.active() || !tx.wrote()) {
                // Nothing written is lost: a read-only transaction (or none) is replaced by a new one.
                tx.ended();
                throw new RetryOnNewStream(SqlExceptions.fromTransport(context, f.failure));
            }
            SQLException rolledBack = SqlExceptions.serverRolledBack(context, why, f.failure);
            tx.abort(why, false, rolledBack);
            return rolledBack;
        }
        if (tx.active() && f.failure.reason() == HranaException.Reason.RATE_LIMITED && !f.cancelled) {
            // 429 to a request of the open transaction: servers end a stream on any non-200 answer, so
            // the transaction is gone on the server (nothing of this request ran). Not transient: abort.
            stream.reset();
            tx.rollbackDelivered();
            String why = "the server refused a request of the transaction (HTTP 429, overloaded) and ended its "
                    + "stream, which rolls the transaction back";
            SQLException rolledBack = SqlExceptions.serverRolledBack(context, why, f.failure);
            tx.abort(why, false, rolledBack);
            return rolledBack;
        }
        SQLException mapped = f.mapped(context);
        if (f.failure.mayHaveBeenProcessed() || f.cancelled || stream.isBroken() && tx.serverMayHold()) {
            // The outcome (or the transaction's state) is unknown: never guess, never resend.
            broken = mapped;
        } else if (stream.isBroken()) {
            stream.reset(); // nothing reached the server and no transaction was open: usable again
        }
        return mapped;
    }

    /**
     * Whether a statement request timed out on a minimal server while the connection had no transaction
     * there (the caller knows the request ended all its work itself: autocommit). Such a server keeps no
     * stream or baton for the connection, so nothing about the connection is unknown, only the outcome
     * of that one request: the connection stays usable (docs/reliability.md).
     */
    boolean timedOutHoldingNothing(Failed f) {
        return minimal()
                && !f.cancelled
                && f.failure.reason() == HranaException.Reason.TIMEOUT
                && !tx.serverMayHold()
                && !stream.isBroken();
    }

    /** One {@code describe} request on the stream (opened and closed for it when none is open). */
    DescribeResult describe(String sql, Duration timeout) throws SQLException, RetryOnNewStream {
        List<StreamResult> results;
        try {
            results = exchange(List.of(new DescribeStreamReq(sql, null)), stream.isOpen(), timeout);
        } catch (Failed f) {
            throw statementFailure("describe", f);
        }
        StreamResult result = results.get(0);
        if (result instanceof StreamResult.Failure failure) {
            throw SqlExceptions.fromServer("describe", failure.error());
        }
        StreamResponse response = ((StreamResult.Ok) result).response();
        if (response instanceof StreamResponse.Describe described) {
            return described.result();
        }
        throw SqlExceptions.protocolViolation("describe: unexpected response type " + response.type());
    }
}
