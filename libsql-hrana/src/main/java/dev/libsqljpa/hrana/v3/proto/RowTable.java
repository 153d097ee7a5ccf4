package dev.libsqljpa.hrana.v3.proto;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Compact, immutable storage for the rows of one statement result: one tag byte per cell, the
 * integer or float bits in a {@code long[]}, text and blobs in an {@code Object[]}. A cell costs 13
 * bytes plus its text or blob, instead of a {@link Value} object and a list slot per cell and a list
 * per row. {@link #get(int)} returns a small read-only view of one row; {@link #value(int, int)}
 * reads a single cell without creating the view.
 *
 * <p>Built with a {@link Builder} by the response decoder; the builder checks that every row has the
 * same number of cells.
 */
public final class RowTable extends AbstractList<List<Value>> implements RandomAccess {

    private static final byte NULL = 0;
    private static final byte INTEGER = 1;
    private static final byte FLOAT = 2;
    private static final byte TEXT = 3;
    private static final byte BLOB = 4;

    /** A table with no rows and no columns. */
    public static final RowTable EMPTY = new RowTable(0, 0, new byte[0], new long[0], new Object[0]);

    private final int width;
    private final int rowCount;
    private final byte[] tags;
    private final long[] bits;
    private final Object[] refs;

    private RowTable(int width, int rowCount, byte[] tags, long[] bits, Object[] refs) {
        this.width = width;
        this.rowCount = rowCount;
        this.tags = tags;
        this.bits = bits;
        this.refs = refs;
    }

    /** Copies rows of {@link Value}s (all of the same length) into a table. */
    public static RowTable copyOf(List<? extends List<Value>> rows) {
        if (rows instanceof RowTable table) {
            return table;
        }
        if (rows.isEmpty()) {
            return EMPTY;
        }
        Builder builder = new Builder(rows.get(0).size());
        for (List<Value> row : rows) {
            if (row.size() != builder.width) {
                throw new IllegalArgumentException(
                        "rows have different lengths: " + builder.width + " and " + row.size());
            }
            for (Value value : row) {
                builder.add(value);
            }
            builder.endRow();
        }
        return builder.build();
    }

    /** Cells per row. */
    public int width() {
        return width;
    }

    @Override
    public int size() {
        return rowCount;
    }

    @Override
    public List<Value> get(int row) {
        if (row < 0 || row >= rowCount) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rowCount);
        }
        return new RowView(row);
    }

    /** One cell, 0-based. */
    public Value value(int row, int column) {
        if (row < 0 || row >= rowCount || column < 0 || column >= width) {
            throw new IndexOutOfBoundsException("cell (" + row + ", " + column + ") of " + rowCount + "x" + width);
        }
        int i = row * width + column;
        return switch (tags[i]) {
            case NULL -> Value.NULL;
            case INTEGER -> new Value.IntegerValue(bits[i]);
            case FLOAT -> new Value.FloatValue(Double.longBitsToDouble(bits[i]));
            case TEXT -> new Value.TextValue((String) refs[i]);
            case BLOB -> new Value.BlobValue((byte[]) refs[i]);
            default -> throw new AssertionError(tags[i]);
        };
    }

    private final class RowView extends AbstractList<Value> implements RandomAccess {
        private final int row;

        RowView(int row) {
            this.row = row;
        }

        @Override
        public Value get(int column) {
            return value(row, column);
        }

        @Override
        public int size() {
            return width;
        }
    }

    /**
     * Appends cells row by row. Not thread-safe. {@link #endRow()} closes a row and returns how many
     * cells it had; a row whose length differs from the first row's is reported by
     * {@link #firstRaggedRow()} (the decoder turns that into an error with the row's JSON path).
     */
    public static final class Builder {
        private int width;
        private boolean widthKnown;
        private int rowCount;
        private int cells;
        private int rowStart;
        private int firstRagged = -1;
        private byte[] tags = new byte[16];
        private long[] bits = new long[16];
        private Object[] refs = new Object[16];

        /** A builder that learns the width from the first row. */
        public Builder() {}

        /** A builder for rows of exactly {@code width} cells. */
        public Builder(int width) {
            this.width = width;
            this.widthKnown = true;
        }

        private void ensure() {
            if (cells == tags.length) {
                int n = Math.max(16, tags.length + (tags.length >> 1));
                tags = Arrays.copyOf(tags, n);
                bits = Arrays.copyOf(bits, n);
                refs = Arrays.copyOf(refs, n);
            }
        }

        public void addNull() {
            ensure();
            tags[cells++] = NULL;
        }

        public void addInteger(long value) {
            ensure();
            tags[cells] = INTEGER;
            bits[cells++] = value;
        }

        public void addFloat(double value) {
            ensure();
            tags[cells] = FLOAT;
            bits[cells++] = Double.doubleToRawLongBits(value);
        }

        public void addText(String value) {
            ensure();
            tags[cells] = TEXT;
            refs[cells++] = value;
        }

        /** Takes ownership of {@code value}: the caller must not change it afterwards. */
        public void addBlobOwned(byte[] value) {
            ensure();
            tags[cells] = BLOB;
            refs[cells++] = value;
        }

        public void add(Value value) {
            if (value instanceof Value.NullValue) {
                addNull();
            } else if (value instanceof Value.IntegerValue v) {
                addInteger(v.value());
            } else if (value instanceof Value.FloatValue v) {
                addFloat(v.value());
            } else if (value instanceof Value.TextValue v) {
                addText(v.value());
            } else if (value instanceof Value.BlobValue v) {
                addBlobOwned(v.value());
            } else {
                throw new AssertionError(value);
            }
        }

        /** Ends the current row; returns the number of cells it had. */
        public int endRow() {
            int length = cells - rowStart;
            if (!widthKnown) {
                width = length;
                widthKnown = true;
            } else if (length != width && firstRagged < 0) {
                firstRagged = rowCount;
            }
            rowCount++;
            rowStart = cells;
            return length;
        }

        /** Index of the first row whose length differs from the width, or -1. */
        public int firstRaggedRow() {
            return firstRagged;
        }

        /** Cells of the first row (or the fixed width); 0 before any row. */
        public int width() {
            return width;
        }

        public int rowCount() {
            return rowCount;
        }

        public RowTable build() {
            if (firstRagged >= 0) {
                throw new IllegalStateException("row " + firstRagged + " has a different length than row 0");
            }
            if (rowCount == 0) {
                return EMPTY;
            }
            // No trimming copy: growth by half leaves at most a third unused, and a copy would double the peak.
            RowTable table = new RowTable(width, rowCount, tags, bits, refs);
            tags = null;
            bits = null;
            refs = null;
            return table;
        }
    }
}
