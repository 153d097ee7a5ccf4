package dev.libsqljpa.hrana.v3.codec;

/** A JSON path for error messages ({@code $.results[0].response}), built lazily as a linked list. */
record JsonPath(JsonPath parent, String segment) {
    static final JsonPath ROOT = new JsonPath(null, "$");

    JsonPath field(String name) {
        return new JsonPath(this, "." + name);
    }

    JsonPath index(int i) {
        return new JsonPath(this, "[" + i + "]");
    }

    @Override
    public String toString() {
        return parent == null ? segment : parent + segment;
    }
}
