package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/** The update side of a read-only result set: every updater fails with {@code 0A000}. */
abstract class ReadOnlyResultSet implements ResultSet {

    static SQLException readOnly(String method) {
        return SqlExceptions.notSupported(ResultSet.class, method + " (result sets are read-only)");
    }

    @Override
    public int getConcurrency() throws SQLException {
        return CONCUR_READ_ONLY;
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return false;
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return false;
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly("insertRow");
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly("updateRow");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly("deleteRow");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly("refreshRow");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly("cancelRowUpdates");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly("moveToInsertRow");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly("moveToCurrentRow");
    }

    @Override
    public void updateArray(int p0, Array p1) throws SQLException {
        throw readOnly("updateArray");
    }

    @Override
    public void updateArray(String p0, Array p1) throws SQLException {
        throw readOnly("updateArray");
    }

    @Override
    public void updateAsciiStream(int p0, InputStream p1) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p0, InputStream p1, int p2) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p0, InputStream p1, long p2) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String p0, InputStream p1) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String p0, InputStream p1, int p2) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String p0, InputStream p1, long p2) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBigDecimal(int p0, BigDecimal p1) throws SQLException {
        throw readOnly("updateBigDecimal");
    }

    @Override
    public void updateBigDecimal(String p0, BigDecimal p1) throws SQLException {
        throw readOnly("updateBigDecimal");
    }

    @Override
    public void updateBinaryStream(int p0, InputStream p1) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p0, InputStream p1, int p2) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p0, InputStream p1, long p2) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String p0, InputStream p1) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String p0, InputStream p1, int p2) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String p0, InputStream p1, long p2) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateBlob(int p0, InputStream p1) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(int p0, InputStream p1, long p2) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(int p0, Blob p1) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String p0, InputStream p1) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String p0, InputStream p1, long p2) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String p0, Blob p1) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBoolean(int p0, boolean p1) throws SQLException {
        throw readOnly("updateBoolean");
    }

    @Override
    public void updateBoolean(String p0, boolean p1) throws SQLException {
        throw readOnly("updateBoolean");
    }

    @Override
    public void updateByte(int p0, byte p1) throws SQLException {
        throw readOnly("updateByte");
    }

    @Override
    public void updateByte(String p0, byte p1) throws SQLException {
        throw readOnly("updateByte");
    }

    @Override
    public void updateBytes(int p0, byte[] p1) throws SQLException {
        throw readOnly("updateBytes");
    }

    @Override
    public void updateBytes(String p0, byte[] p1) throws SQLException {
        throw readOnly("updateBytes");
    }

    @Override
    public void updateCharacterStream(int p0, Reader p1) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p0, Reader p1, int p2) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String p0, Reader p1) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String p0, Reader p1, int p2) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateClob(int p0, Reader p1) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(int p0, Clob p1) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String p0, Reader p1) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String p0, Clob p1) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateDate(int p0, Date p1) throws SQLException {
        throw readOnly("updateDate");
    }

    @Override
    public void updateDate(String p0, Date p1) throws SQLException {
        throw readOnly("updateDate");
    }

    @Override
    public void updateDouble(int p0, double p1) throws SQLException {
        throw readOnly("updateDouble");
    }

    @Override
    public void updateDouble(String p0, double p1) throws SQLException {
        throw readOnly("updateDouble");
    }

    @Override
    public void updateFloat(int p0, float p1) throws SQLException {
        throw readOnly("updateFloat");
    }

    @Override
    public void updateFloat(String p0, float p1) throws SQLException {
        throw readOnly("updateFloat");
    }

    @Override
    public void updateInt(int p0, int p1) throws SQLException {
        throw readOnly("updateInt");
    }

    @Override
    public void updateInt(String p0, int p1) throws SQLException {
        throw readOnly("updateInt");
    }

    @Override
    public void updateLong(int p0, long p1) throws SQLException {
        throw readOnly("updateLong");
    }

    @Override
    public void updateLong(String p0, long p1) throws SQLException {
        throw readOnly("updateLong");
    }

    @Override
    public void updateNCharacterStream(int p0, Reader p1) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String p0, Reader p1) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNClob(int p0, Reader p1) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(int p0, NClob p1) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String p0, Reader p1) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String p0, NClob p1) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNString(int p0, String p1) throws SQLException {
        throw readOnly("updateNString");
    }

    @Override
    public void updateNString(String p0, String p1) throws SQLException {
        throw readOnly("updateNString");
    }

    @Override
    public void updateNull(int p0) throws SQLException {
        throw readOnly("updateNull");
    }

    @Override
    public void updateNull(String p0) throws SQLException {
        throw readOnly("updateNull");
    }

    @Override
    public void updateObject(int p0, Object p1) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(int p0, Object p1, int p2) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(String p0, Object p1) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(String p0, Object p1, int p2) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateRef(int p0, Ref p1) throws SQLException {
        throw readOnly("updateRef");
    }

    @Override
    public void updateRef(String p0, Ref p1) throws SQLException {
        throw readOnly("updateRef");
    }

    @Override
    public void updateRowId(int p0, RowId p1) throws SQLException {
        throw readOnly("updateRowId");
    }

    @Override
    public void updateRowId(String p0, RowId p1) throws SQLException {
        throw readOnly("updateRowId");
    }

    @Override
    public void updateSQLXML(int p0, SQLXML p1) throws SQLException {
        throw readOnly("updateSQLXML");
    }

    @Override
    public void updateSQLXML(String p0, SQLXML p1) throws SQLException {
        throw readOnly("updateSQLXML");
    }

    @Override
    public void updateShort(int p0, short p1) throws SQLException {
        throw readOnly("updateShort");
    }

    @Override
    public void updateShort(String p0, short p1) throws SQLException {
        throw readOnly("updateShort");
    }

    @Override
    public void updateString(int p0, String p1) throws SQLException {
        throw readOnly("updateString");
    }

    @Override
    public void updateString(String p0, String p1) throws SQLException {
        throw readOnly("updateString");
    }

    @Override
    public void updateTime(int p0, Time p1) throws SQLException {
        throw readOnly("updateTime");
    }

    @Override
    public void updateTime(String p0, Time p1) throws SQLException {
        throw readOnly("updateTime");
    }

    @Override
    public void updateTimestamp(int p0, Timestamp p1) throws SQLException {
        throw readOnly("updateTimestamp");
    }

    @Override
    public void updateTimestamp(String p0, Timestamp p1) throws SQLException {
        throw readOnly("updateTimestamp");
    }
}
