package dev.libsqljpa.hrana.v3.codec;

/** A JSON path for error messages ({@code $.results[0].response}), built lazily as a linked list. */
public record JsonPath(JsonPath parent, String segment) {
    public static final JsonPath ROOT = new JsonPath(null, "$");

    public JsonPath field(String name) {
        return new JsonPath(this, "." + name);
    }

    public JsonPath index(int i) {
        return new JsonPath(this, "[" + i + "]");
    }

    @Override
    public String toString() {
        return parent == null ? segment : parent + segment;
    }
}
