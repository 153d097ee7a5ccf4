package dev.libsqljpa.hrana.v3.codec;

/**
 * A JSON path for error messages ({@code $.results[0].response}), a linked list whose text is built only by
 * {@link #toString()}: the decoder derives a path for every field it reads, and only a failure needs the
 * text.
 *
 * @param parent the enclosing path; null for the root
 * @param name the field name, {@code $} for the root, or null for an array index
 * @param index the array index when {@code name} is null
 */
public record JsonPath(JsonPath parent, String name, int index) {
    public static final JsonPath ROOT = new JsonPath(null, "$", -1);

    public JsonPath field(String name) {
        return new JsonPath(this, name, -1);
    }

    public JsonPath index(int i) {
        return new JsonPath(this, null, i);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return name;
        }
        return name != null ? parent + "." + name : parent + "[" + index + "]";
    }
}
