package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/** The answer to a {@code describe} request: parameters, result columns and statement flags. */
public record DescribeResult(
        List<DescribeParam> params, List<DescribeCol> cols, boolean isExplain, boolean isReadonly) {
    public DescribeResult {
        params = List.copyOf(params);
        cols = List.copyOf(cols);
    }

    /** A statement parameter; {@code name} includes its prefix and is null for anonymous ones. */
    public record DescribeParam(String name) {}

    /** A result column of a described statement. */
    public record DescribeCol(String name, String decltype) {}
}
