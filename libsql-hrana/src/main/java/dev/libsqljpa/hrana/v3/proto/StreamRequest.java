package dev.libsqljpa.hrana.v3.proto;

/**
 * A request inside a pipeline (Hrana 3 spec, "Requests"). {@code close} must be the last request
 * of a pipeline; {@code get_autocommit} exists on {@code /v3} only. Minimal servers (tursodb)
 * understand only {@link ExecuteStreamReq} and {@link BatchStreamReq}.
 */
public sealed interface StreamRequest
        permits ExecuteStreamReq,
                BatchStreamReq,
                SequenceStreamReq,
                DescribeStreamReq,
                StoreSqlStreamReq,
                CloseSqlStreamReq,
                CloseStreamReq,
                GetAutocommitStreamReq {

    /** The {@code type} tag on the wire. */
    String type();
}
