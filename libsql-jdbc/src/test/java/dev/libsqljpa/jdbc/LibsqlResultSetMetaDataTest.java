package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ResultSet.getMetaData()} of pipeline results: types of untyped columns, one object per result. */
@ExtendWith(LibsqlServerExtension.class)
class LibsqlResultSetMetaDataTest {
    private NonRegisteringLibsqlDriver driver;
    private Connection c;

    @BeforeEach
    void connect(LibsqlTestServer server) throws SQLException {
        driver = new NonRegisteringLibsqlDriver();
        c = driver.connect("jdbc:libsql:" + server.url(), new Properties());
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        driver.close();
    }

    @Test
    void untypedColumnsAreTypedFromTheirFirstNonNullValueInAnyRow() throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NULL AS a, 1 AS b, NULL AS c"
                        + " UNION ALL SELECT 'x', NULL, NULL UNION ALL SELECT 2.5, 3, NULL")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnTypeName(1))
                    .describedAs("first non-null value: 'x' in row 2")
                    .isEqualTo("TEXT");
            assertThat(md.getColumnType(1)).isEqualTo(Types.VARCHAR);
            assertThat(md.getColumnTypeName(2))
                    .describedAs("first non-null value: 1 in row 1")
                    .isEqualTo("INTEGER");
            assertThat(md.getColumnTypeName(3)).describedAs("no value at all").isEqualTo("BLOB");
        }
    }

    /** The types are computed once per result set: every call returns the same answers from one object. */
    @Test
    void getMetaDataReturnsOneObjectPerResultSetThatKeepsItsAnswers() throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NULL AS a UNION ALL SELECT 7")) {
            ResultSetMetaData first = rs.getMetaData();
            while (rs.next()) {
                assertThat(rs.getMetaData()).isSameAs(first);
            }
            assertThat(rs.getMetaData()).describedAs("after the last row").isSameAs(first);
            assertThat(first.getColumnTypeName(1)).isEqualTo("INTEGER");
        }
    }
}
