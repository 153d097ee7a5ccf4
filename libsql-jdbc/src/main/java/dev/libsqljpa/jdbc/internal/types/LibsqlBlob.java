package dev.libsqljpa.jdbc.internal.types;

import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Blob;
import java.sql.SQLException;
import java.util.Arrays;

/** An in-memory {@link Blob} (values are materialised anyway). Not thread-safe. */
public final class LibsqlBlob implements Blob {
    private byte[] data;

    public LibsqlBlob(byte[] data) {
        this.data = data.clone();
    }

    private byte[] data() throws SQLException {
        if (data == null) {
            throw SqlExceptions.objectClosed("blob");
        }
        return data;
    }

    /** A copy of the bytes. */
    public byte[] toBytes() throws SQLException {
        return data().clone();
    }

    @Override
    public long length() throws SQLException {
        return data().length;
    }

    @Override
    public byte[] getBytes(long pos, int length) throws SQLException {
        byte[] bytes = data();
        checkPosition(pos, bytes.length + 1L);
        int start = (int) (pos - 1);
        return Arrays.copyOfRange(bytes, start, start + Math.max(0, Math.min(length, bytes.length - start)));
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        return new ByteArrayInputStream(data());
    }

    @Override
    public InputStream getBinaryStream(long pos, long length) throws SQLException {
        return new ByteArrayInputStream(getBytes(pos, (int) Math.min(Integer.MAX_VALUE, length)));
    }

    @Override
    public long position(byte[] pattern, long start) throws SQLException {
        byte[] bytes = data();
        checkPosition(start, bytes.length + 1L);
        outer:
        for (int i = (int) start - 1; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i + 1L;
        }
        return -1;
    }

    @Override
    public long position(Blob pattern, long start) throws SQLException {
        return position(pattern.getBytes(1, (int) pattern.length()), start);
    }

    @Override
    public int setBytes(long pos, byte[] bytes) throws SQLException {
        return setBytes(pos, bytes, 0, bytes.length);
    }

    @Override
    public int setBytes(long pos, byte[] bytes, int offset, int len) throws SQLException {
        byte[] current = data();
        checkPosition(pos, current.length + 1L);
        int start = (int) (pos - 1);
        if (start + len > current.length) {
            current = Arrays.copyOf(current, start + len);
        }
        System.arraycopy(bytes, offset, current, start, len);
        data = current;
        return len;
    }

    @Override
    public OutputStream setBinaryStream(long pos) throws SQLException {
        checkPosition(pos, data().length + 1L);
        return new ByteArrayOutputStream() {
            @Override
            public void close() {
                try {
                    setBytes(pos, toByteArray());
                } catch (SQLException e) {
                    throw new IllegalStateException("blob was freed", e);
                }
            }
        };
    }

    @Override
    public void truncate(long len) throws SQLException {
        byte[] current = data();
        if (len < 0 || len > current.length) {
            throw SqlExceptions.data("truncate length out of range: " + len, "22003", null);
        }
        data = Arrays.copyOf(current, (int) len);
    }

    @Override
    public void free() {
        data = null;
    }

    private static void checkPosition(long pos, long max) throws SQLException {
        if (pos < 1 || pos > max) {
            throw SqlExceptions.data("position out of range: " + pos, "22003", null);
        }
    }
}
