package dev.libsqljpa.hrana.v3.proto;

import java.util.Arrays;
import java.util.Base64;

/**
 * A SQLite value as Hrana carries it: null, 64-bit integer, 64-bit float, text or blob.
 *
 * <p>Floats that are not finite cannot be sent (servers answer them as JSON {@code null}); the
 * codec refuses them on the way out and decodes a {@code null} float as {@link Double#NaN}.
 */
public sealed interface Value
        permits Value.NullValue, Value.IntegerValue, Value.FloatValue, Value.TextValue, Value.BlobValue {

    /** The SQL NULL. */
    NullValue NULL = new NullValue();

    static Value of(long value) {
        return new IntegerValue(value);
    }

    static Value of(double value) {
        return new FloatValue(value);
    }

    static Value of(String value) {
        return value == null ? NULL : new TextValue(value);
    }

    static Value of(byte[] value) {
        return value == null ? NULL : new BlobValue(value);
    }

    /** SQL NULL. Use {@link Value#NULL}. */
    record NullValue() implements Value {}

    /** An exact 64-bit signed integer. */
    record IntegerValue(long value) implements Value {}

    /** A 64-bit IEEE float. */
    record FloatValue(double value) implements Value {}

    /** UTF-8 text. */
    record TextValue(String value) implements Value {
        public TextValue {
            if (value == null) {
                throw new IllegalArgumentException("text value must not be null; use Value.NULL");
            }
        }
    }

    /** A blob; the array is copied in and out so the record stays immutable. */
    record BlobValue(byte[] value) implements Value {
        public BlobValue {
            if (value == null) {
                throw new IllegalArgumentException("blob value must not be null; use Value.NULL");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Length without copying. */
        public int length() {
            return value.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BlobValue blob && Arrays.equals(value, blob.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "BlobValue[" + Base64.getEncoder().withoutPadding().encodeToString(value) + "]";
        }
    }
}
