package dev.libsqljpa.testkit.internal;

import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchResult;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.BatchStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.CursorEntry;
import dev.libsqljpa.hrana.v3.proto.DescribeStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.GetAutocommitStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.SequenceStreamReq;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StoreSqlStreamReq;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.testkit.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the requests of one pipeline on a stream, in order, as sqld does: SQL errors are in-band and
 * later requests still run; protocol violations throw {@link ProtocolException} (HTTP 400, stream
 * closed). Version 2 ({@code /v2}) lacks {@code get_autocommit} and the {@code is_autocommit}
 * condition.
 */
final class PipelineProcessor {

    /** Results of a pipeline and whether it closed the stream. */
    record Outcome(List<StreamResult> results, boolean closed) {}

    private final ServerCore core;
    private final StatementRunner runner;

    PipelineProcessor(ServerCore core) {
        this.core = core;
        this.runner = new StatementRunner(core);
    }

    Outcome run(ServerStream stream, List<StreamRequest> requests, int version) throws ProtocolException, SQLException {
        List<StreamResult> results = new ArrayList<>(requests.size());
        boolean closed = false;
        for (StreamRequest request : requests) {
            if (closed) {
                throw new ProtocolException("Stream for this baton was closed");
            }
            if (request instanceof CloseStreamReq) {
                closed = true;
                results.add(new StreamResult.Ok(new StreamResponse.Close()));
                continue;
            }
            try {
                results.add(new StreamResult.Ok(handle(stream, request, version)));
            } catch (StmtFailure failure) {
                results.add(new StreamResult.Failure(failure.error()));
            }
        }
        return new Outcome(results, closed);
    }

    private StreamResponse handle(ServerStream stream, StreamRequest request, int version)
            throws ProtocolException, StmtFailure, SQLException {
        if (request instanceof ExecuteStreamReq execute) {
            Stmt stmt = execute.stmt();
            SqlLexer.Statement statement = convert(stream, stmt);
            checkTimedOut(stream);
            return new StreamResponse.Execute(runner.execute(stream, statement, stmt));
        } else if (request instanceof BatchStreamReq batch) {
            return new StreamResponse.Batch(runBatch(stream, batch.batch().steps(), version));
        } else if (request instanceof SequenceStreamReq sequence) {
            String sql = resolveSql(sequence.sql(), sequence.sqlId(), stream.storedSql);
            List<SqlLexer.Statement> statements = SqlLexer.split(sql);
            for (SqlLexer.Statement statement : statements) {
                runner.checkSyntax(stream, statement);
            }
            checkTimedOut(stream);
            for (SqlLexer.Statement statement : statements) {
                runner.execute(stream, statement, new Stmt(statement.sql(), null, List.of(), List.of(), false, null));
            }
            return new StreamResponse.Sequence();
        } else if (request instanceof DescribeStreamReq describe) {
            String sql = resolveSql(describe.sql(), describe.sqlId(), stream.storedSql);
            return new StreamResponse.Describe(runner.describe(stream, StatementRunner.single(sql)));
        } else if (request instanceof StoreSqlStreamReq store) {
            if (stream.storedSql.containsKey(store.sqlId())) {
                throw new ProtocolException("SQL text " + store.sqlId() + " already exists");
            }
            if (stream.storedSql.size() >= ServerConfig.MAX_STORED_SQL) {
                throw new StmtFailure(
                        "SQL_STORE_TOO_MANY",
                        "The server already stores " + stream.storedSql.size() + " SQL texts, it cannot store more");
            }
            int bytes = store.sql().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > ServerConfig.MAX_STORED_SQL_BYTES) {
                throw new StmtFailure(
                        "SQL_STORE_TOO_LARGE",
                        "The statement is too large to be stored: " + bytes + " B/" + ServerConfig.MAX_STORED_SQL_BYTES
                                + " B");
            }
            stream.storedSql.put(store.sqlId(), store.sql());
            return new StreamResponse.StoreSql();
        } else if (request instanceof CloseSqlStreamReq closeSql) {
            stream.storedSql.remove(closeSql.sqlId());
            return new StreamResponse.CloseSql();
        } else if (request instanceof GetAutocommitStreamReq) {
            if (version < 3) {
                throw new ProtocolException(
                        "The `get_autocommit` request is only supported in protocol version hrana3 and higher");
            }
            return new StreamResponse.GetAutocommit(!stream.inTransaction());
        } else if (request instanceof CloseStreamReq) {
            return new StreamResponse.Close();
        }
        throw new AssertionError(request);
    }

    /** sqld's {@code proto_stmt_to_query}: the SQL text, one statement, not both kinds of arguments. */
    private SqlLexer.Statement convert(ServerStream stream, Stmt stmt) throws ProtocolException, StmtFailure {
        String sql = resolveSql(stmt.sql(), stmt.sqlId(), stream.storedSql);
        SqlLexer.Statement statement = StatementRunner.single(sql);
        if (!stmt.args().isEmpty() && !stmt.namedArgs().isEmpty()) {
            throw new StmtFailure(
                    "ARGS_BOTH_POSITIONAL_AND_NAMED",
                    "Specifying both positional and named arguments is not supported");
        }
        return statement;
    }

    private static void checkTimedOut(ServerStream stream) throws StmtFailure {
        if (stream.transactionTimedOut) {
            stream.transactionTimedOut = false;
            throw new StmtFailure(
                    "TRANSACTION_TIMEOUT",
                    "Transaction timed out: it held the write lock longer than "
                            + "the server's write-lock timeout while another writer was waiting, so it was rolled back");
        }
    }

    static String resolveSql(String sql, Integer sqlId, Map<Integer, String> stored) throws ProtocolException {
        if (sql != null && sqlId != null) {
            throw new ProtocolException("Either `sql` or `sql_id` are required, but not both");
        }
        if (sql != null) {
            return sql;
        }
        if (sqlId == null) {
            throw new ProtocolException("Either `sql` or `sql_id` are required");
        }
        String text = stored.get(sqlId);
        if (text == null) {
            throw new ProtocolException("SQL text " + sqlId + " not found");
        }
        return text;
    }

    private BatchResult runBatch(ServerStream stream, List<BatchStep> steps, int version)
            throws ProtocolException, StmtFailure, SQLException {
        List<SqlLexer.Statement> statements = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            BatchStep step = steps.get(i);
            Stmt stmt = step.stmt();
            String sql = resolveSql(stmt.sql(), stmt.sqlId(), stream.storedSql);
            statements.add(StatementRunner.single(sql));
            if (!stmt.args().isEmpty() && !stmt.namedArgs().isEmpty()) {
                throw new StmtFailure(
                        "ARGS_BOTH_POSITIONAL_AND_NAMED",
                        "Specifying both positional and named arguments is not supported");
            }
            if (step.condition() != null) {
                validate(step.condition(), i, version);
            }
        }
        for (SqlLexer.Statement statement : statements) {
            runner.checkSyntax(stream, statement);
        }
        checkTimedOut(stream);
        List<StmtResult> results = new ArrayList<>(steps.size());
        List<HranaError> errors = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            BatchStep step = steps.get(i);
            if (step.condition() != null && !evaluate(step.condition(), stream, results)) {
                results.add(null);
                errors.add(null);
                continue;
            }
            try {
                results.add(runner.execute(stream, statements.get(i), step.stmt()));
                errors.add(null);
            } catch (StmtFailure failure) {
                results.add(null);
                errors.add(failure.error());
            }
        }
        return new BatchResult(results, errors);
    }

    /** Where a cursor's entries go, in order. */
    interface CursorSink {
        void entry(CursorEntry entry) throws IOException;
    }

    /**
     * Runs a batch for the cursor endpoint as sqld does: checks as for a {@code batch} request (a bad
     * condition or SQL reference is a protocol error, before anything runs), then per executed step
     * {@code step_begin}, its rows, {@code step_end}; a step failing before it began is a lone
     * {@code step_error}; skipped steps send nothing. The cursor's last entry (the replication index,
     * or a batch-level error) is returned, not sent: the caller releases the stream before sending it.
     */
    CursorEntry runCursor(ServerStream stream, Batch batch, int version, CursorSink sink)
            throws ProtocolException, SQLException, IOException {
        List<BatchStep> steps = batch.steps();
        List<SqlLexer.Statement> statements = new ArrayList<>(steps.size());
        StmtFailure early = null;
        for (int i = 0; i < steps.size(); i++) {
            BatchStep step = steps.get(i);
            Stmt stmt = step.stmt();
            String sql = resolveSql(stmt.sql(), stmt.sqlId(), stream.storedSql);
            if (step.condition() != null) {
                validate(step.condition(), i, version);
            }
            try {
                statements.add(StatementRunner.single(sql));
                if (!stmt.args().isEmpty() && !stmt.namedArgs().isEmpty()) {
                    throw new StmtFailure(
                            "ARGS_BOTH_POSITIONAL_AND_NAMED",
                            "Specifying both positional and named arguments is not supported");
                }
            } catch (StmtFailure failure) {
                early = early == null ? failure : early;
                statements.add(null);
            }
        }
        if (early != null) {
            return new CursorEntry.Error(early.error());
        }
        try {
            for (SqlLexer.Statement statement : statements) {
                runner.checkSyntax(stream, statement);
            }
            checkTimedOut(stream);
        } catch (StmtFailure failure) {
            return new CursorEntry.Error(failure.error());
        }
        List<StmtResult> results = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            BatchStep step = steps.get(i);
            if (step.condition() != null && !evaluate(step.condition(), stream, results)) {
                results.add(null);
                continue;
            }
            int index = i;
            try {
                StmtResult result =
                        runner.execute(stream, statements.get(i), step.stmt(), new StatementRunner.RowSink() {
                            @Override
                            public void begin(List<Col> cols) throws IOException {
                                sink.entry(new CursorEntry.StepBegin(index, cols));
                            }

                            @Override
                            public void row(List<Value> row) throws IOException {
                                sink.entry(new CursorEntry.Row(row));
                            }
                        });
                sink.entry(new CursorEntry.StepEnd(result.affectedRowCount(), result.lastInsertRowid()));
                results.add(result);
            } catch (StmtFailure failure) {
                sink.entry(new CursorEntry.StepError(index, failure.error()));
                results.add(null);
            }
        }
        return new CursorEntry.ReplicationIndex(null);
    }

    private static void validate(BatchCond cond, int stepIndex, int version) throws ProtocolException {
        if (cond instanceof BatchCond.Ok ok) {
            checkStep(ok.step(), stepIndex);
        } else if (cond instanceof BatchCond.Error error) {
            checkStep(error.step(), stepIndex);
        } else if (cond instanceof BatchCond.Not not) {
            validate(not.cond(), stepIndex, version);
        } else if (cond instanceof BatchCond.And and) {
            for (BatchCond c : and.conds()) {
                validate(c, stepIndex, version);
            }
        } else if (cond instanceof BatchCond.Or or) {
            for (BatchCond c : or.conds()) {
                validate(c, stepIndex, version);
            }
        } else if (cond instanceof BatchCond.IsAutocommit) {
            if (version < 3) {
                throw new ProtocolException(
                        "BatchCond of type `is_autocommit` is only supported in protocol version hrana3 and higher");
            }
        } else {
            throw new AssertionError(cond);
        }
    }

    private static void checkStep(int step, int stepIndex) throws ProtocolException {
        if (step < 0 || step >= stepIndex) {
            throw new ProtocolException("Invalid reference to step in a batch condition");
        }
    }

    /** sqld semantics: {@code ok(n)} = step n ran and succeeded; {@code error(n)} = not ok(n), so also true when skipped. */
    private static boolean evaluate(BatchCond cond, ServerStream stream, List<StmtResult> results) throws SQLException {
        if (cond instanceof BatchCond.Ok ok) {
            return results.get(ok.step()) != null;
        } else if (cond instanceof BatchCond.Error error) {
            return results.get(error.step()) == null;
        } else if (cond instanceof BatchCond.Not not) {
            return !evaluate(not.cond(), stream, results);
        } else if (cond instanceof BatchCond.And and) {
            for (BatchCond c : and.conds()) {
                if (!evaluate(c, stream, results)) {
                    return false;
                }
            }
            return true;
        } else if (cond instanceof BatchCond.Or or) {
            for (BatchCond c : or.conds()) {
                if (evaluate(c, stream, results)) {
                    return true;
                }
            }
            return false;
        } else if (cond instanceof BatchCond.IsAutocommit) {
            return !stream.inTransaction();
        }
        throw new AssertionError(cond);
    }
}
