package dev.libsqljpa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.HranaTransport;
import dev.libsqljpa.hrana.http.HranaTransportConfig;
import dev.libsqljpa.hrana.session.HranaCursor;
import dev.libsqljpa.hrana.session.HranaStream;
import dev.libsqljpa.hrana.v3.proto.Batch;
import dev.libsqljpa.hrana.v3.proto.BatchCond;
import dev.libsqljpa.hrana.v3.proto.BatchStep;
import dev.libsqljpa.hrana.v3.proto.Col;
import dev.libsqljpa.hrana.v3.proto.CursorEntry;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StmtResult;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v3/cursor} as sqld serves it, read through the client's {@link HranaCursor}. */
class CursorEndpointTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private final HranaTransport transport = new HranaTransport(HranaTransportConfig.defaults());

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    private HranaStream stream() {
        return new HranaStream(transport.endpoint(URI.create(libsql.server().url()), null));
    }

    private static List<CursorEntry> readAll(HranaCursor cursor) throws HranaException {
        List<CursorEntry> entries = new ArrayList<>();
        for (CursorEntry e = cursor.next(); e != null; e = cursor.next()) {
            entries.add(e);
        }
        return entries;
    }

    @Test
    void executedStepsAreStreamedSkippedStepsSendNothingAndFailuresAreStepErrors() throws Exception {
        HranaStream stream = stream();
        Batch batch = new Batch(List.of(
                new BatchStep(null, Stmt.of("SELECT 1 AS a, 'x' AS b")),
                new BatchStep(new BatchCond.Not(new BatchCond.Ok(0)), Stmt.of("SELECT 2")),
                new BatchStep(null, Stmt.of("SELECT * FROM missing_table")),
                new BatchStep(null, Stmt.of("SELECT 3 AS c"))));

        HranaCursor cursor = stream.openCursor(batch, null);
        List<CursorEntry> entries = readAll(cursor);

        assertThat(entries).hasSize(7);
        assertThat(entries.get(0))
                .isEqualTo(new CursorEntry.StepBegin(0, List.of(new Col("a", null), new Col("b", null))));
        assertThat(entries.get(1)).isEqualTo(new CursorEntry.Row(List.of(Value.of(1L), Value.of("x"))));
        assertThat(entries.get(2)).isEqualTo(new CursorEntry.StepEnd(0, null));
        assertThat(entries.get(3)).isInstanceOfSatisfying(CursorEntry.StepError.class, e -> {
            assertThat(e.step()).isEqualTo(2);
            assertThat(e.error().message()).contains("no such table: missing_table");
        });
        assertThat(entries.get(4)).isEqualTo(new CursorEntry.StepBegin(3, List.of(new Col("c", null))));
        assertThat(entries.get(5)).isEqualTo(new CursorEntry.Row(List.of(Value.of(3L))));
        assertThat(entries.get(6)).isEqualTo(new CursorEntry.StepEnd(0, null));
        assertThat(cursor.isDone()).isTrue();
        assertThat(stream.isOpen())
                .describedAs("the cursor opened a server stream that stays open")
                .isTrue();
        assertThat(libsql.server().counters().openStreams()).isEqualTo(1);

        stream.sendAndClose(List.of(), null);
        assertThat(libsql.server().counters().openStreams()).isZero();
    }

    @Test
    void aResultFarBeyondThePipelineLimitArrivesCompletelyThroughTheCursor() throws Exception {
        String sql = "WITH RECURSIVE g(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM g WHERE v < 60000)"
                + " SELECT v, hex(zeroblob(60)) FROM g"; // 60,000 rows of 120 characters: over 10 MiB as a pipeline
        // answer
        HranaStream pipelineStream = stream();
        List<StreamResult> viaPipeline = pipelineStream.sendAndClose(List.of(new ExecuteStreamReq(Stmt.of(sql))), null);
        assertThat(viaPipeline.get(0))
                .isInstanceOfSatisfying(
                        StreamResult.Failure.class,
                        f -> assertThat(f.error().code()).isEqualTo("RESPONSE_TOO_LARGE"));

        HranaStream stream = stream();
        long rows = 0;
        long sum = 0;
        try (HranaCursor cursor = stream.openCursor(new Batch(List.of(new BatchStep(null, Stmt.of(sql)))), null)) {
            for (CursorEntry e = cursor.next(); e != null; e = cursor.next()) {
                if (e instanceof CursorEntry.Row row) {
                    rows++;
                    sum += ((Value.IntegerValue) row.values().get(0)).value();
                }
            }
        }
        assertThat(rows).isEqualTo(60_000);
        assertThat(sum).isEqualTo(60_000L * 60_001 / 2);
        stream.close();
        assertThat(libsql.server().counters().openStreams()).isZero();
    }

    @Test
    void anotherRequestWhileACursorIsUnreadBuffersTheRestAndTheCursorStillDeliversIt() throws Exception {
        HranaStream stream = stream();
        HranaCursor cursor = stream.openCursor(
                new Batch(List.of(new BatchStep(null, Stmt.of("SELECT 1 AS a UNION ALL SELECT 2")))), null);
        assertThat(cursor.next()).isEqualTo(new CursorEntry.StepBegin(0, List.of(new Col("a", null))));
        assertThat(cursor.next()).isEqualTo(new CursorEntry.Row(List.of(Value.of(1L))));
        long requestsBefore = libsql.server().counters().httpRequests();

        List<StreamResult> other = stream.send(List.of(new ExecuteStreamReq(Stmt.of("SELECT 3"))), null);

        StmtResult result = ((StreamResponse.Execute) ((StreamResult.Ok) other.get(0)).response()).result();
        assertThat(result.rows()).containsExactly(List.of(Value.of(3L)));
        assertThat(libsql.server().counters().httpRequests()).isEqualTo(requestsBefore + 1);
        assertThat(readAll(cursor))
                .containsExactly(new CursorEntry.Row(List.of(Value.of(2L))), new CursorEntry.StepEnd(0, null));
        stream.close();
        assertThat(libsql.server().counters().openStreams()).isZero();
    }

    @Test
    void closingACursorEarlyKeepsTheStreamUsable() throws Exception {
        HranaStream stream = stream();
        HranaCursor cursor = stream.openCursor(
                new Batch(
                        List.of(
                                new BatchStep(
                                        null,
                                        Stmt.of(
                                                "WITH RECURSIVE g(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM g WHERE v < 1000) SELECT v FROM g")))),
                null);
        assertThat(cursor.next()).isInstanceOf(CursorEntry.StepBegin.class);

        cursor.close();

        assertThat(cursor.next()).isNull();
        List<StreamResult> after = stream.sendAndClose(List.of(new ExecuteStreamReq(Stmt.of("SELECT 2"))), null);
        assertThat(after.get(0)).isInstanceOf(StreamResult.Ok.class);
        assertThat(libsql.server().counters().openStreams()).isZero();
    }

    @Test
    void aCursorInsideATransactionSeesItsUncommittedWrites() throws Exception {
        HranaStream stream = stream();
        stream.send(
                List.of(
                        new ExecuteStreamReq(Stmt.of("CREATE TABLE t (x INTEGER)")),
                        new ExecuteStreamReq(Stmt.of("BEGIN")),
                        new ExecuteStreamReq(Stmt.of("INSERT INTO t VALUES (41), (42)"))),
                null);

        List<CursorEntry> entries;
        try (HranaCursor cursor = stream.openCursor(
                new Batch(List.of(new BatchStep(null, Stmt.of("SELECT x FROM t ORDER BY x")))), null)) {
            entries = readAll(cursor);
        }

        assertThat(entries)
                .containsExactly(
                        new CursorEntry.StepBegin(0, List.of(new Col("x", "INTEGER"))),
                        new CursorEntry.Row(List.of(Value.of(41L))),
                        new CursorEntry.Row(List.of(Value.of(42L))),
                        new CursorEntry.StepEnd(0, null));
        stream.send(List.of(new ExecuteStreamReq(Stmt.of("ROLLBACK"))), null);
        stream.close();
    }
}
