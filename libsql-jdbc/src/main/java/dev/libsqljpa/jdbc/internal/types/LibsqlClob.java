package dev.libsqljpa.jdbc.internal.types;

import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.SQLException;

/** An in-memory {@link Clob}/{@link NClob}. Not thread-safe. */
public final class LibsqlClob implements NClob {
    private StringBuilder text;

    public LibsqlClob(String text) {
        this.text = new StringBuilder(text);
    }

    private StringBuilder text() throws SQLException {
        if (text == null) {
            throw SqlExceptions.objectClosed("clob");
        }
        return text;
    }

    @Override
    public String toString() {
        return text == null ? "" : text.toString();
    }

    @Override
    public long length() throws SQLException {
        return text().length();
    }

    @Override
    public String getSubString(long pos, int length) throws SQLException {
        StringBuilder current = text();
        checkPosition(pos, current.length() + 1L);
        int start = (int) (pos - 1);
        return current.substring(start, start + Math.max(0, Math.min(length, current.length() - start)));
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        return new StringReader(text().toString());
    }

    @Override
    public Reader getCharacterStream(long pos, long length) throws SQLException {
        return new StringReader(getSubString(pos, (int) Math.min(Integer.MAX_VALUE, length)));
    }

    @Override
    public InputStream getAsciiStream() throws SQLException {
        return new ByteArrayInputStream(text().toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public long position(String searchstr, long start) throws SQLException {
        StringBuilder current = text();
        checkPosition(start, current.length() + 1L);
        int at = current.indexOf(searchstr, (int) start - 1);
        return at < 0 ? -1 : at + 1L;
    }

    @Override
    public long position(Clob searchstr, long start) throws SQLException {
        return position(searchstr.getSubString(1, (int) searchstr.length()), start);
    }

    @Override
    public int setString(long pos, String str) throws SQLException {
        return setString(pos, str, 0, str.length());
    }

    @Override
    public int setString(long pos, String str, int offset, int len) throws SQLException {
        StringBuilder current = text();
        checkPosition(pos, current.length() + 1L);
        int start = (int) (pos - 1);
        int end = Math.min(current.length(), start + len);
        current.replace(start, end, str.substring(offset, offset + len));
        return len;
    }

    @Override
    public OutputStream setAsciiStream(long pos) throws SQLException {
        throw SqlExceptions.notSupported(Clob.class, "setAsciiStream");
    }

    @Override
    public Writer setCharacterStream(long pos) throws SQLException {
        checkPosition(pos, text().length() + 1L);
        return new StringWriter() {
            @Override
            public void close() {
                try {
                    setString(pos, toString());
                } catch (SQLException e) {
                    throw new IllegalStateException("clob was freed", e);
                }
            }
        };
    }

    @Override
    public void truncate(long len) throws SQLException {
        StringBuilder current = text();
        if (len < 0 || len > current.length()) {
            throw SqlExceptions.data("truncate length out of range: " + len, "22003", null);
        }
        current.setLength((int) len);
    }

    @Override
    public void free() {
        text = null;
    }

    private static void checkPosition(long pos, long max) throws SQLException {
        if (pos < 1 || pos > max) {
            throw SqlExceptions.data("position out of range: " + pos, "22003", null);
        }
    }
}
