package dev.libsqljpa.hrana.v3.proto;

import java.util.List;

/**
 * One SQL statement with its arguments (Hrana 3 spec, "Statements").
 *
 * <p>Exactly one of {@code sql} and {@code sqlId} should be set; the model keeps what the wire
 * said so that a server can reject the wrong combination. {@code replicationIndex} may be null.
 */
public record Stmt(
        String sql,
        Integer sqlId,
        List<Value> args,
        List<NamedArg> namedArgs,
        boolean wantRows,
        Long replicationIndex) {

    public Stmt {
        args = args == null ? List.of() : List.copyOf(args);
        namedArgs = namedArgs == null ? List.of() : List.copyOf(namedArgs);
    }

    /** A statement with SQL text and positional arguments that wants rows back. */
    public static Stmt of(String sql, Value... args) {
        return new Stmt(sql, null, List.of(args), List.of(), true, null);
    }

    /** A statement with SQL text and positional arguments. */
    public static Stmt of(String sql, List<Value> args, boolean wantRows) {
        return new Stmt(sql, null, args, List.of(), wantRows, null);
    }
}
