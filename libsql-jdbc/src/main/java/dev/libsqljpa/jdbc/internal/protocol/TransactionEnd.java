package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.List;

/**
 * {@code commit()} and {@code rollback()}: the transitions of {@link TransactionState} that end a
 * transaction, one per row of the table in docs/reliability.md ("Transaction state machine").
 * The rule: a commit never reports success unless the server answered it; a commit that provably
 * never left this process fails and aborts the transaction (nothing was committed); a commit whose
 * outcome is unknown fails with {@code 08007} and aborts it too; {@code rollback()} always ends the transaction for the application and succeeds
 * quietly when the server already lost it or cannot be reached (a ROLLBACK that could not be
 * delivered leads the next request).
 */
final class TransactionEnd {
    private static final Stmt SELECT_ONE = Stmt.of("SELECT 1", List.of(), true);

    private final Session session;
    private final TransactionState tx;
    private final DeferredQueue queue;
    private final StreamExchange exchange;
    private final HranaStream stream;

    TransactionEnd(Session session) {
        this.session = session;
        this.tx = session.tx;
        this.queue = session.queue;
        this.exchange = session.exchange;
        this.stream = session.stream();
    }

    // ---------------------------------------------------------------- commit

    void commit(Duration timeout) throws SQLException {
        session.checkUsable();
        queue.deferral(false);
        tx.checkNotAborted();
        if (!tx.active() && !queue.hasDeferredRows()) {
            queue.clear(); // savepoint statements that were never sent
            if (!tx.rollbackOwed()) {
                closeIdleStream(timeout, false); // an owed ROLLBACK waits for the next request
            }
            return;
        }
        session.shared.acquire();
        try {
            sendCommit(timeout);
        } finally {
            session.shared.release();
        }
    }

    private void sendCommit(Duration timeout) throws SQLException {
        RequestPlan plan = new RequestPlan();
        RequestPlan.Prefix prefix = session.addPrefix(plan);
        int end = plan.add(Session.COMMIT, prefix.gate());
        // Deferred rows can make the commit carry the transaction's BEGIN: a failed one ends nothing of ours.
        plan.addRollbackUnlessCommitted(Session.ROLLBACK, prefix.begin(), end, exchange.minimal());
        boolean hadWrites = tx.wrote() || queue.hasDeferredRows();
        BatchResult result;
        try {
            result = exchange.send(plan, false, timeout, "commit");
        } catch (StreamExchange.Failed f) {
            commitFailed(f, hadWrites);
            return;
        } catch (SQLException e) {
            // Answered (the stream was closed in the same request) but not usable.
            endedOnServer();
            throw e;
        }
        // Answered: the transaction ended on the server (COMMIT, or the gated ROLLBACK).
        endedOnServer();
        if (PrefixSteps.lostTransaction(prefix, result.stepResults(), result.stepErrors())) {
            if (hadWrites) {
                throw SqlExceptions.serverRolledBack("commit", PrefixSteps.LOST_ON_MINIMAL, null);
            }
            return; // a read-only transaction has nothing to lose
        }
        checkCommitSteps(prefix, result.stepErrors(), end);
    }

    private void endedOnServer() {
        queue.clear();
        tx.ended();
        tx.rollbackDelivered();
    }

    private void checkCommitSteps(RequestPlan.Prefix prefix, List<HranaError> errors, int end) throws SQLException {
        if (prefix.begin() >= 0 && errors.get(prefix.begin()) != null) {
            throw tx.statementFailed(
                    "commit: BEGIN failed, none of the queued rows ran and nothing was committed; BEGIN",
                    errors.get(prefix.begin()));
        }
        for (int i = 0; i < prefix.queued().size(); i++) {
            HranaError error = errors.get(prefix.queuedStep(i));
            if (error != null) {
                throw session.pendingFailed(
                        prefix.queued().get(i), error, " (commit: the transaction was rolled back)");
            }
        }
        if (errors.get(end) != null) {
            throw tx.statementFailed("commit (the transaction was rolled back)", errors.get(end));
        }
    }

    /** The commit request failed below the SQL level: one of three outcomes (class comment). */
    private void commitFailed(StreamExchange.Failed f, boolean hadWrites) throws SQLException {
        SQLException mapped = f.mapped("commit");
        if (f.streamGone()) {
            // The server lost the stream as a whole and rolled the transaction back.
            stream.reset();
            endedOnServer();
            if (hadWrites) {
                throw SqlExceptions.serverRolledBack(
                        "commit",
                        "the server no longer has the transaction's stream (" + f.failure.reason() + ")",
                        f.failure);
            }
            return; // a read-only transaction has nothing to lose
        }
        if (f.notSent(stream)) {
            // Nothing left this process: the server still holds the transaction, uncommitted. It is
            // not kept for a second commit(): frameworks that reset autocommit after a failed commit
            // (Hibernate does) would commit it behind the application's retry. Abort it instead.
            queue.clear();
            tx.abort("the earlier commit could not reach the server, nothing was committed", true);
            throw SqlExceptions.commitNotSent(mapped);
        }
        stream.reset();
        queue.clear();
        if (!f.failure.mayHaveBeenProcessed() && !f.cancelled) {
            // Refused with an answer (401/403/429 to a request with a baton): the stream ended.
            tx.abort(
                    "the server refused the earlier commit and ended the stream, rolling the transaction back;"
                            + " nothing was committed",
                    false);
            throw SqlExceptions.commitLostTransaction(mapped);
        }
        // The request may have been processed: committed or not, nobody knows.
        tx.abort(
                "the earlier commit's outcome is unknown (it may or may not have been applied: " + mapped.getMessage()
                        + ")",
                exchange.minimal());
        throw SqlExceptions.commitOutcomeUnknown(mapped);
    }

    // ---------------------------------------------------------------- rollback

    /**
     * Ends the transaction for the application. Sends {@code ROLLBACK} (+ close) when the server
     * may hold it; quiet (with a warning) when the server already lost it or cannot be reached.
     */
    void rollback(Duration timeout) throws SQLException {
        if (!session.isClosed() && session.isBroken()) {
            // Called from finally blocks after the failure that broke the connection: nothing of the
            // transaction was committed (a statement's unknown outcome breaks it, a commit's aborts it).
            // Full servers roll back when the stream expires; tursodb gets its ROLLBACK from close().
            queue.deferral(false);
            queue.clear();
            session.addWarning(SqlExceptions.warning(
                    "rollback: the connection is broken (" + exchange.broken().getMessage()
                            + "); nothing of the transaction was committed, the server rolls it back",
                    exchange.broken()));
            return;
        }
        session.checkUsable();
        queue.deferral(false);
        queue.clear(); // rows and savepoints never sent
        boolean serverHolds = tx.serverMayHold() && session.shared.resume();
        tx.ended();
        try {
            if (!serverHolds) {
                closeIdleStream(timeout, true);
                return;
            }
            sendRollback(timeout);
        } finally {
            session.shared.release();
        }
    }

    private void sendRollback(Duration timeout) throws SQLException {
        RequestPlan plan = new RequestPlan();
        int end = plan.add(Session.ROLLBACK, -1);
        BatchResult result;
        try {
            result = exchange.send(plan, false, timeout, "rollback");
        } catch (StreamExchange.Failed f) {
            rollbackFailed(f);
            return;
        }
        tx.rollbackDelivered();
        HranaError error = result.stepErrors().get(end);
        if (error != null) {
            // SQLite's only ROLLBACK failure: no transaction is active (the server already ended it).
            session.addWarning(SqlExceptions.warning(
                    "rollback: the server had no transaction to roll back: " + error.message(), null));
        }
    }

    private void rollbackFailed(StreamExchange.Failed f) {
        if (f.streamGone()) {
            stream.reset(); // the server already rolled back
            tx.rollbackDelivered();
            return;
        }
        if (f.notSent(stream)) {
            tx.oweRollback(); // the ROLLBACK leads the next request, on the same stream
        } else {
            // Any failed answer ends a full server's stream, rolling back; tursodb's shared
            // transaction may survive, so its ROLLBACK is owed (a second one is harmless).
            stream.reset();
            if (exchange.minimal()) {
                tx.oweRollback();
            } else {
                tx.rollbackDelivered();
            }
        }
        session.addWarning(SqlExceptions.warning(
                "rollback could not reach the server (" + f.failure.getMessage()
                        + "); the transaction will never commit"
                        + (tx.rollbackOwed() ? ": its ROLLBACK rides the next request" : ": the server rolls it back"),
                f.failure));
    }

    /**
     * Closes a stream that holds no transaction of ours (after COMMIT sent as SQL, or after the
     * server aborted the transaction). Quiet for rollback; for commit a failure is thrown.
     */
    private void closeIdleStream(Duration timeout, boolean quiet) throws SQLException {
        if (exchange.minimal() || !stream.isOpen()) {
            return;
        }
        try {
            stream.sendAndClose(List.of(), timeout);
            tx.rollbackDelivered(); // closing the stream rolls back whatever it held
        } catch (HranaException e) {
            stream.reset();
            boolean gone = e.reason() == HranaException.Reason.STREAM_EXPIRED
                    || e.reason() == HranaException.Reason.STREAM_LOST;
            if (!gone && !quiet) {
                throw SqlExceptions.fromTransport("closing the stream", e);
            }
            if (!gone) {
                session.addWarning(
                        SqlExceptions.warning("rollback: closing the idle stream failed: " + e.getMessage(), e));
            }
        }
    }

    /**
     * Whether the connection works. Holding no stream and no transaction there is nothing that
     * could have gone stale (every request opens a new stream), so no request is sent; otherwise
     * {@code SELECT 1} on the open stream.
     */
    boolean isValid(Duration timeout) {
        if (!stream.isOpen() && !tx.serverMayHold() || !session.shared.resume()) {
            return true; // taken over: the transaction is aborted, the connection works after rollback()
        }
        try {
            List<StreamResult> results =
                    exchange.exchange(List.of(new ExecuteStreamReq(SELECT_ONE)), stream.isOpen(), timeout);
            return results.size() == 1 && results.get(0) instanceof StreamResult.Ok;
        } catch (StreamExchange.Failed f) {
            session.addWarning(new SQLWarning("isValid: " + f.failure.getMessage(), "08006", f.failure));
            if (stream.isBroken()) {
                if (tx.serverMayHold()) {
                    exchange.breakWith(SqlExceptions.fromTransport("isValid", f.failure));
                } else {
                    stream.reset();
                }
            }
            return false;
        } finally {
            session.shared.release();
        }
    }

    /** Ends the stream (rolling back an open transaction) and releases the minimal-server lock. */
    void close() throws SQLException {
        queue.deferral(false);
        queue.clear();
        try {
            if (session.minimal()) {
                // No stream state to be unsure about: always end the shared server's transaction,
                // or every other client would run inside it.
                if (tx.serverMayHold() && session.shared.resume()) {
                    stream.send(List.of(new ExecuteStreamReq(Session.ROLLBACK)), null);
                }
            } else if (exchange.broken() != null) {
                stream.reset();
            } else if (stream.isOpen()) {
                stream.close();
            }
        } catch (HranaException e) {
            stream.reset();
            session.shared.oweRollback();
            throw SqlExceptions.fromTransport("closing the connection (the server rolls back the open transaction)", e);
        } finally {
            tx.ended();
            tx.rollbackDelivered();
            session.shared.releaseAtClose();
        }
    }
}
