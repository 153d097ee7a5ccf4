package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/**
 * What an answer held before the rows of its main statement, when those rows are read while they arrive
 * (servers without streams): the rows follow ({@link Streaming}), or nothing could be streamed and the
 * whole answer is in ({@link Complete}), or the request failed as a whole ({@link Failed}).
 */
public sealed interface RowsHead permits RowsHead.Streaming, RowsHead.Complete, RowsHead.Failed {

    /** The main step's rows follow, one at a time. */
    record Streaming(List<Col> cols, List<StmtResult> resultsBefore) implements RowsHead {}

    /** The whole answer, read because nothing could be streamed ({@code execute}: one step). */
    record Complete(BatchResult result) implements RowsHead {}

    /** The request failed as a whole ({@code {"type":"error"}}). */
    record Failed(HranaError error) implements RowsHead {}
}
