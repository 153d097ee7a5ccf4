package dev.libsqljpa.hrana.v3.proto;

/** A named statement argument. The name may keep or omit its {@code :}, {@code @} or {@code $} prefix. */
public record NamedArg(String name, Value value) {
    public NamedArg {
        if (name == null || value == null) {
            throw new IllegalArgumentException("named argument needs a name and a value");
        }
    }
}
