package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Values are stored exactly or refused with a clear SQLDataException; nothing changes silently. */
class LibsqlValueExactnessTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perClass();

    private Connection c;

    @BeforeEach
    void open(LibsqlTestServer server) throws SQLException {
        c = DriverManager.getConnection("jdbc:libsql:" + server.url());
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS v");
            s.execute("CREATE TABLE v (i INTEGER, t TEXT, r REAL, x)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private long rows() throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM v")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private SQLException bindFails(String column, Binding binding) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO v (" + column + ") VALUES (?)")) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> {
                binding.bind(p);
                p.executeUpdate();
            });
            assertThat((Object) e)
                    .describedAs("binding must fail, not change the value")
                    .isNotNull();
            assertThat(rows()).describedAs("nothing stored").isZero();
            return e;
        }
    }

    interface Binding {
        void bind(PreparedStatement p) throws SQLException;
    }

    @Test
    void loneSurrogateIsRefusedWith22021() throws SQLException {
        SQLException e = bindFails("t", p -> p.setString(1, "a\uD800b"));
        assertThat((Throwable) e)
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("lone UTF-16 surrogate")
                .hasMessageContaining("U+D800 at index 1");
        assertThat(e.getSQLState()).isEqualTo("22021");
        SQLException low = bindFails("t", p -> p.setObject(1, "\uDC00"));
        assertThat(low.getSQLState()).isEqualTo("22021");
    }

    @Test
    void surrogatePairsRoundTripExactly() throws SQLException {
        String text = "emoji \uD83D\uDE00 end";
        try (PreparedStatement p = c.prepareStatement("INSERT INTO v (t) VALUES (?)")) {
            p.setString(1, text);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT t FROM v")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(text);
        }
    }

    @Test
    void bigIntegerBeyond64BitsIsRefusedNotStoredAsReal() throws SQLException {
        BigInteger big = BigInteger.ONE.shiftLeft(64);
        SQLException e = bindFails("i", p -> p.setObject(1, big));
        assertThat((Throwable) e).isInstanceOf(SQLDataException.class).hasMessageContaining("64-bit");
        assertThat(e.getSQLState()).isEqualTo("22003");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO v (i) VALUES (?)")) {
            p.setObject(1, BigInteger.valueOf(Long.MIN_VALUE));
            p.executeUpdate();
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT i, typeof(i) FROM v")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(Long.MIN_VALUE);
            assertThat(rs.getString(2)).isEqualTo("integer");
        }
    }

    @Test
    void fractionalNumberAsIntegerIsRefused() throws SQLException {
        SQLException e = bindFails("i", p -> p.setObject(1, 1.9, Types.INTEGER));
        assertThat((Throwable) e).isInstanceOf(SQLDataException.class).hasMessageContaining("fractional part");
        assertThat(e.getSQLState()).isEqualTo("22003");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO v (i) VALUES (?)")) {
            p.setObject(1, 2.0, Types.INTEGER);
            p.executeUpdate();
            p.setObject(1, "3", Types.BIGINT);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sum(i), typeof(i) FROM v")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(5);
            assertThat(rs.getString(2)).isEqualTo("integer");
        }
    }

    @Test
    void arrayAndStructTargetTypesAreRefusedNotBoundAsText() throws SQLException {
        for (int type : new int[] {Types.ARRAY, Types.STRUCT, Types.SQLXML, Types.ROWID}) {
            SQLException e = bindFails("x", p -> p.setObject(1, "{1,2}", type));
            assertThat((Throwable) e).isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThat(e.getSQLState()).isEqualTo("0A000");
        }
    }

    @Test
    void serverSideInfinityIsAnErrorNotNaN() throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1e999, -1e999")) {
            rs.next();
            SQLException e = catchThrowableOfType(SQLException.class, () -> rs.getDouble(1));
            assertThat((Object) e)
                    .describedAs("getDouble of +Infinity must not return NaN")
                    .isNotNull();
            assertThat(e.getSQLState()).isEqualTo("22003");
            assertThat((Throwable) e).hasMessageContaining("infinite REAL");
            assertThat(catchThrowableOfType(SQLException.class, () -> rs.getDouble(2))
                            .getSQLState())
                    .isEqualTo("22003");
        }
    }
}
