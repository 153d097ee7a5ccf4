package dev.libsqljpa.hrana.v3.proto;

/** Describe a statement without executing it. */
public record DescribeStreamReq(String sql, Integer sqlId) implements StreamRequest {
    @Override
    public String type() {
        return "describe";
    }
}
