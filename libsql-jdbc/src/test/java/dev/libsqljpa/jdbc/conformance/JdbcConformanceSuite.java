package dev.libsqljpa.jdbc.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.libsqljpa.jdbc.LibsqlConnection;
import dev.libsqljpa.jdbc.LibsqlDataSource;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC conformance suite, run against every server target (subclasses: the testkit, standing
 * in for sqld, and tursodb 0.7.0, a minimal server). Each test creates and drops its own tables.
 */
abstract class JdbcConformanceSuite {
    private static final AtomicInteger TABLES = new AtomicInteger();

    protected NonRegisteringLibsqlDriver driver;
    private final List<String> tables = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    /** The JDBC URL of the target server. */
    protected abstract String jdbcUrl();

    /** Whether the target is a full server (streams, batons) rather than a minimal one. */
    protected abstract boolean fullServer();

    /** Fails if the server holds a stream for any connection (full servers); no-op elsewhere. */
    protected void assertNoStreamsHeld() {}

    @BeforeEach
    void openDriver() {
        driver = new NonRegisteringLibsqlDriver();
    }

    @AfterEach
    void dropTablesAndClose() throws SQLException {
        assertNoStreamsHeld();
        try (Connection c = connect()) {
            for (String table : tables) {
                c.createStatement().execute("DROP TABLE IF EXISTS " + table);
            }
        }
        for (Connection c : connections) {
            c.close();
        }
        driver.close();
    }

    protected Connection connect() throws SQLException {
        return connect(new Properties());
    }

    protected Connection connect(Properties properties) throws SQLException {
        Connection connection = driver.connect(jdbcUrl(), properties);
        assertThat(connection).describedAs("driver accepts " + jdbcUrl()).isNotNull();
        connections.add(connection);
        return connection;
    }

    /** A fresh table name, dropped after the test. */
    protected String table(Connection c, String columns) throws SQLException {
        String name = "t_"
                + getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("test", "") + "_"
                + TABLES.incrementAndGet();
        tables.add(0, name);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + name + " (" + columns + ")");
        }
        return name;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- DDL and basics

    @Test
    void ddlAndUpdateCounts() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT");
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO " + t + " (name) VALUES ('a'), ('b'), ('c')"))
                    .isEqualTo(3);
            assertThat(s.executeUpdate("UPDATE " + t + " SET name = 'x' WHERE id >= 2"))
                    .isEqualTo(2);
            assertThat(s.executeUpdate("CREATE INDEX " + t + "_name ON " + t + " (name)"))
                    .describedAs("DDL after DML reports 0, not the previous changes()")
                    .isZero();
            assertThat(s.executeUpdate("UPDATE " + t + " SET name = 'y' WHERE id > 100"))
                    .isZero();
            assertThat(s.execute("DELETE FROM " + t + " WHERE id = 1")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            assertThat(s.execute("SELECT * FROM " + t)).isTrue();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("NAME")).isEqualTo("x");
            }
            assertThat(s.getMoreResults()).isFalse();
        }
    }

    /**
     * The return shapes a schema tool or migration runner relies on for DDL (the first failures of a
     * hand-written adapter): JDBC says DDL has no result set and an update count of 0, also after DML
     * on the same statement and connection left {@code changes()} non-zero.
     */
    @Test
    void ddlReturnsNoResultSetAndAnUpdateCountOfZero() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT");
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO " + t + " (name) VALUES ('a'), ('b')"))
                    .isEqualTo(2);

            assertThat(s.execute("ALTER TABLE " + t + " ADD COLUMN subtitle TEXT"))
                    .describedAs("execute(ALTER TABLE) has no result set")
                    .isFalse();
            assertThat(s.getResultSet()).isNull();
            assertThat(s.getUpdateCount())
                    .describedAs("update count after ALTER TABLE")
                    .isZero();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).describedAs("no more results").isEqualTo(-1);

            assertThat(s.execute("CREATE TABLE IF NOT EXISTS " + t + " (id INTEGER PRIMARY KEY)"))
                    .describedAs("execute(CREATE TABLE IF NOT EXISTS) of an existing table")
                    .isFalse();
            assertThat(s.getUpdateCount()).isZero();

            assertThat(s.executeUpdate("CREATE INDEX " + t + "_name ON " + t + " (name)"))
                    .describedAs("executeUpdate(CREATE INDEX)")
                    .isZero();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.executeUpdate("DROP INDEX " + t + "_name"))
                    .describedAs("executeUpdate(DROP INDEX)")
                    .isZero();
            assertThat(s.executeLargeUpdate("ALTER TABLE " + t + " DROP COLUMN subtitle"))
                    .describedAs("executeLargeUpdate(ALTER TABLE DROP COLUMN)")
                    .isZero();
        }
        try (PreparedStatement p = c.prepareStatement("ALTER TABLE " + t + " ADD COLUMN slug TEXT")) {
            assertThat(p.execute())
                    .describedAs("PreparedStatement.execute(DDL)")
                    .isFalse();
            assertThat(p.getUpdateCount()).isZero();
        }
        assertThat(count(c, t)).describedAs("DDL kept the rows").isEqualTo(2);
    }

    /**
     * On tursodb this runs in {@link TursoDbDdlBatchTest} on a server of its own: a committed DDL batch
     * changes how that server's shared connection rolls back later, which would leak into other tests.
     */
    @Test
    void batchOfDdlStatementsReturnsZeroPerStatementAndAppliesThemAll() throws SQLException {
        assumeTrue(fullServer(), "tursodb: TursoDbDdlBatchTest");
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY");
        String other = t + "_images";
        tables.add(0, other);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t + " (id) VALUES (1)");
            s.executeUpdate("CREATE TABLE " + other + " (id INTEGER PRIMARY KEY, url TEXT)");
            s.addBatch("CREATE TABLE IF NOT EXISTS " + other + " (id INTEGER PRIMARY KEY, url TEXT)");
            s.addBatch("ALTER TABLE " + t + " ADD COLUMN subtitle TEXT");
            s.addBatch("CREATE INDEX IF NOT EXISTS " + other + "_url ON " + other + " (url)");
            s.addBatch("ALTER TABLE " + t + " ADD COLUMN series_position INTEGER DEFAULT 0 NOT NULL");
            assertThat(s.executeBatch())
                    .describedAs("a DDL statement has an update count of 0, never -1 or 1")
                    .containsExactly(0, 0, 0, 0);
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('" + t + "') ORDER BY cid")) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
            assertThat(columns).containsExactly("id", "subtitle", "series_position");
        }
        assertThat(count(c, other)).isZero();
    }

    @Test
    void emptyResultStillHasColumns() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, title VARCHAR(100), price DECIMAL(10,2), created TIMESTAMP");
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + t + " WHERE 1=0")) {
            assertThat(rs.next()).isFalse();
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(4);
            assertThat(md.getColumnName(2)).isEqualTo("title");
            for (int i = 1; i <= 4; i++) {
                assertThat(md.getColumnTypeName(i))
                        .describedAs("type name of column " + i)
                        .isNotEmpty();
            }
            if (fullServer()) {
                assertThat(md.getColumnType(1)).isEqualTo(Types.INTEGER);
                assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
                assertThat(md.getColumnType(3)).isEqualTo(Types.DECIMAL);
                assertThat(md.getColumnType(4)).isEqualTo(Types.TIMESTAMP);
            }
        }
    }

    // ---------------------------------------------------------------- values

    @Test
    void integersAreExact64Bit() throws SQLException {
        Connection c = connect();
        String t = table(c, "v INTEGER");
        long[] values = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 9007199254740993L};
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
            for (long v : values) {
                insert.setLong(1, v);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
        try (PreparedStatement select = c.prepareStatement("SELECT v FROM " + t + " WHERE v = ?")) {
            for (long v : values) {
                select.setLong(1, v);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).describedAs("row for " + v).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(v);
                    assertThat(rs.getObject(1, Long.class)).isEqualTo(v);
                    assertThat(rs.getBigDecimal(1)).isEqualTo(BigDecimal.valueOf(v));
                }
            }
        }
    }

    @Test
    void textBlobDecimalAndNullRoundTrip() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, txt TEXT, bin BLOB, dec TEXT, dbl REAL, flag BOOLEAN");
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        String unicode = "Grüße, 世界! 🎉 \u0000 nul \"quotes\" \\ back \n line \u2028";
        BigDecimal decimal = new BigDecimal("123456789012345678901234567890.000000000000000000001");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, 1);
            p.setString(2, unicode);
            p.setBytes(3, allBytes);
            p.setBigDecimal(4, decimal);
            p.setDouble(5, Math.PI);
            p.setBoolean(6, true);
            p.executeUpdate();
            p.setInt(1, 2);
            p.setNull(2, Types.VARCHAR);
            p.setNull(3, Types.BLOB);
            p.setBigDecimal(4, null);
            p.setNull(5, Types.DOUBLE);
            p.setObject(6, null);
            p.executeUpdate();
            p.setInt(1, 3);
            p.setCharacterStream(2, new StringReader(unicode));
            p.setBinaryStream(3, new ByteArrayInputStream(allBytes));
            p.setObject(4, "0.10", Types.DECIMAL);
            p.setFloat(5, 1.5f);
            p.setObject(6, Boolean.FALSE);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + t + " ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("txt")).isEqualTo(unicode);
            assertThat(rs.getBytes("bin")).isEqualTo(allBytes);
            assertThat(rs.getBigDecimal("dec")).isEqualTo(decimal);
            assertThat(rs.getDouble("dbl")).isEqualTo(Math.PI);
            assertThat(rs.getBoolean("flag")).isTrue();
            assertThat(rs.getBlob("bin").getBytes(1, 256)).isEqualTo(allBytes);
            assertThat(rs.getClob("txt").getSubString(1, unicode.length())).isEqualTo(unicode);

            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("txt")).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getBytes("bin")).isNull();
            assertThat(rs.getBigDecimal("dec")).isNull();
            assertThat(rs.getDouble("dbl")).isZero();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getBoolean("flag")).isFalse();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getObject("flag")).isNull();

            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("txt")).isEqualTo(unicode);
            assertThat(rs.wasNull()).isFalse();
            assertThat(rs.getBytes("bin")).isEqualTo(allBytes);
            assertThat(rs.getBigDecimal("dec")).isEqualTo(new BigDecimal("0.10"));
            assertThat(rs.getFloat("dbl")).isEqualTo(1.5f);
            assertThat(rs.getBoolean("flag")).isFalse();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void nonFiniteFloatsAreRefusedBeforeSending() throws SQLException {
        Connection c = connect();
        String t = table(c, "v REAL");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
            assertThatThrownBy(() -> p.setDouble(1, Double.NaN)).isInstanceOf(SQLDataException.class);
            assertThatThrownBy(() -> p.setDouble(1, Double.POSITIVE_INFINITY)).isInstanceOf(SQLDataException.class);
            assertThatThrownBy(() -> p.setObject(1, Float.NaN)).isInstanceOf(SQLDataException.class);
        }
        assertThat(count(c, t)).isZero();
    }

    /**
     * A REAL the server holds as +Infinity or -Infinity reaches the client as a float without a value
     * (JSON has no infinity), so its sign is lost: every getter that would return a number or its text
     * fails with 22003 instead of NaN or "NaN". The value itself is intact on the server.
     */
    @Test
    void serverSideInfinityIsRefusedByEveryGetterAndKeptOnTheServer() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, v REAL");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t + " VALUES (1, 1e999), (2, -1e999)");
            try (ResultSet rs = s.executeQuery("SELECT v, CAST(v AS TEXT), typeof(v) FROM " + t + " ORDER BY id")) {
                for (String text : List.of("Inf", "-Inf")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2))
                            .describedAs("the server's own text")
                            .isEqualTo(text);
                    assertThat(rs.getString(3)).isEqualTo("real");
                    List<ThrowingGetter> getters = List.of(
                            () -> rs.getDouble(1),
                            () -> rs.getFloat(1),
                            () -> rs.getBigDecimal(1),
                            () -> rs.getString(1),
                            () -> rs.getObject(1),
                            () -> rs.getObject(1, Double.class),
                            () -> rs.getObject(1, String.class));
                    for (ThrowingGetter getter : getters) {
                        SQLDataException e = catchThrowableOfType(SQLDataException.class, getter::get);
                        assertThat((Object) e)
                                .describedAs("a getter of " + text + " must fail, not return NaN")
                                .isNotNull();
                        assertThat(e.getSQLState()).isEqualTo("22003");
                        assertThat(e.getMessage()).contains("infinite REAL");
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM " + t
                    + " WHERE v = 1e999), (SELECT count(*) FROM " + t + " WHERE v = -1e999)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1))
                        .describedAs("+Infinity kept on the server")
                        .isEqualTo(1);
                assertThat(rs.getLong(2))
                        .describedAs("-Infinity kept on the server")
                        .isEqualTo(1);
            }
        }
    }

    interface ThrowingGetter {
        Object get() throws SQLException;
    }

    /** −0.0 computed by the server reads back as −0.0 through getDouble, getObject and getString. */
    @Test
    void negativeZeroFromTheServerStaysNegative() throws SQLException {
        Connection c = connect();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT -0.0, 0.0")) {
            assertThat(rs.next()).isTrue();
            assertThat(Double.doubleToRawLongBits(rs.getDouble(1)))
                    .describedAs("getDouble keeps the sign of -0.0")
                    .isEqualTo(Double.doubleToRawLongBits(-0.0d));
            assertThat(rs.getObject(1)).isEqualTo(-0.0d);
            assertThat(rs.getString(1)).isEqualTo("-0.0");
            assertThat(Double.doubleToRawLongBits(rs.getDouble(2))).isZero();
        }
    }

    @Test
    void dateAndTimeRoundTrip() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, d DATE, tm TIME, ts TIMESTAMP, odt TEXT, inst TEXT, u TEXT");
        LocalDate date = LocalDate.of(2024, 2, 29);
        LocalTime time = LocalTime.of(23, 59, 58, 123_000_000);
        LocalDateTime dateTime = LocalDateTime.of(2024, 2, 29, 13, 5, 7, 123_456_789);
        OffsetDateTime offset = OffsetDateTime.of(2024, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(-5));
        Instant instant = Instant.parse("2023-12-31T23:59:59.5Z");
        UUID uuid = UUID.randomUUID();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, 1);
            p.setObject(2, date);
            p.setObject(3, time);
            p.setObject(4, dateTime);
            p.setObject(5, offset);
            p.setObject(6, instant);
            p.setObject(7, uuid);
            p.executeUpdate();
            p.setInt(1, 2);
            p.setDate(2, Date.valueOf(date));
            p.setTime(3, Time.valueOf(LocalTime.of(1, 2, 3)));
            p.setTimestamp(4, Timestamp.valueOf(dateTime));
            p.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            p.setNull(6, Types.TIMESTAMP);
            p.setNull(7, Types.VARCHAR);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + t + " ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(date);
            assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(time);
            assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(dateTime);
            assertThat(rs.getObject("odt", OffsetDateTime.class)).isEqualTo(offset);
            assertThat(rs.getObject("inst", Instant.class)).isEqualTo(instant);
            assertThat(rs.getObject("u", UUID.class)).isEqualTo(uuid);
            assertThat(rs.getTimestamp("ts")).isEqualTo(Timestamp.valueOf(dateTime));
            assertThat(rs.getString("ts")).isEqualTo("2024-02-29 13:05:07.123456789");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDate("d")).isEqualTo(Date.valueOf(date));
            assertThat(rs.getTime("tm")).isEqualTo(Time.valueOf(LocalTime.of(1, 2, 3)));
            assertThat(rs.getTimestamp("ts")).isEqualTo(Timestamp.valueOf(dateTime));
            assertThat(rs.getObject("odt", OffsetDateTime.class)).isNull();
            assertThat(rs.wasNull()).isTrue();
        }
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT date(d, '+1 day'), strftime('%H', ts) FROM " + t + " WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .describedAs("SQLite date functions read the stored format")
                    .isEqualTo("2024-03-01");
            assertThat(rs.getInt(2)).isEqualTo(13);
        }
    }

    // ---------------------------------------------------------------- prepared statements and keys

    @Test
    void preparedStatementIsReExecutedWithNewParameters() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (?, ?)");
                PreparedStatement select = c.prepareStatement("SELECT name FROM " + t + " WHERE id = :id")) {
            assertThat(select.getParameterMetaData().getParameterCount()).isEqualTo(1);
            for (int i = 1; i <= 5; i++) {
                insert.setInt(1, i);
                insert.setString(2, "name-" + i);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            for (int i = 5; i >= 1; i--) {
                select.setInt(1, i);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("name-" + i);
                }
            }
            insert.clearParameters();
            assertThatThrownBy(insert::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07001"));
        }
    }

    @Test
    void preparedStatementMetaDataBeforeExecution() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, title VARCHAR(20)");
        try (PreparedStatement p = c.prepareStatement("SELECT id, title FROM " + t + " WHERE id = ?")) {
            ResultSetMetaData md = p.getMetaData();
            if (fullServer()) {
                assertThat(md.getColumnCount()).isEqualTo(2);
                assertThat(md.getColumnName(2)).isEqualTo("title");
                assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
            } else {
                assertThat(md).describedAs("minimal servers cannot describe").isNull();
            }
            p.setInt(1, 1);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(p.getMetaData().getColumnCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void generatedKeysComeFromTheStatementItself() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT");
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO " + t + " (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 1; i <= 3; i++) {
                p.setString(1, "n" + i);
                assertThat(p.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = p.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(i);
                    assertThat(keys.next()).isFalse();
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (name) VALUES (?)", new String[] {"id"})) {
            p.setString(1, "named");
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong("id")).isEqualTo(4);
            }
        }
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO " + t + " (name) VALUES (?), (?) RETURNING id, name")) {
            p.setString(1, "r1");
            p.setString(2, "r2");
            assertThat(p.executeUpdate())
                    .describedAs("RETURNING rows count as updates")
                    .isEqualTo(2);
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong("id")).isEqualTo(5);
                assertThat(keys.next()).isTrue();
                assertThat(keys.getString("name")).isEqualTo("r2");
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t + " (name) VALUES ('plain')", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(7);
            }
            s.executeUpdate("UPDATE " + t + " SET name = 'u' WHERE id = 1", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next())
                        .describedAs("an UPDATE generates no key")
                        .isFalse();
            }
        }
    }

    @Test
    void separateSelectLastInsertRowidSeesTheConnectionsLastInsert() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t + " (id, name) VALUES (41, 'a')");
            s.executeUpdate("INSERT INTO " + t + " (name) VALUES ('b')");
            try (ResultSet rs = s.executeQuery("select last_insert_rowid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1))
                        .describedAs("even though each autocommit statement had its own stream")
                        .isEqualTo(42);
            }
        }
    }

    // ---------------------------------------------------------------- batches

    @Test
    void batchReturnsCountsPerStatement() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, v INTEGER");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (id, v) VALUES (?, ?)")) {
            for (int i = 1; i <= 50; i++) {
                p.setInt(1, i);
                p.setInt(2, i * 10);
                p.addBatch();
            }
            int[] counts = p.executeBatch();
            assertThat(counts).hasSize(50).containsOnly(1);
        }
        try (Statement s = c.createStatement()) {
            s.addBatch("UPDATE " + t + " SET v = v + 1 WHERE id <= 10");
            s.addBatch("DELETE FROM " + t + " WHERE id > 45");
            s.addBatch("UPDATE " + t + " SET v = 0 WHERE id = 1000");
            assertThat(s.executeBatch()).containsExactly(10, 5, 0);
            assertThat(s.executeBatch()).describedAs("the batch is cleared").isEmpty();
        }
        assertThat(count(c, t)).isEqualTo(45);
    }

    @Test
    void failedBatchInAutocommitAppliesNothing() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, v TEXT NOT NULL");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (id, v) VALUES (?, ?)")) {
            for (int i = 1; i <= 5; i++) {
                p.setInt(1, i);
                p.setString(2, i == 4 ? null : "v" + i);
                p.addBatch();
            }
            BatchUpdateException e = catchThrowableOfType(BatchUpdateException.class, p::executeBatch);
            assertThat((Object) e).isNotNull();
            assertThat(e.getUpdateCounts()).containsExactly(1, 1, 1);
            assertThat(e.getSQLState()).isEqualTo("23502");
            assertThat(e.getErrorCode()).isEqualTo(19);
            assertThat(e.getMessage()).contains("nothing was applied");
        }
        assertThat(count(c, t)).describedAs("all-or-nothing").isZero();
    }

    // ---------------------------------------------------------------- batch deferral

    private static void addRows(PreparedStatement p, int from, int to) throws SQLException {
        for (int i = from; i <= to; i++) {
            p.setInt(1, i);
            p.setString(2, "v" + i);
            p.addBatch();
        }
    }

    @Test
    void deferredInsertBatchesAreReadByTheNextQueryAndCommitted() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        assertThat(libsql.isBatchDeferral()).describedAs("off by default").isFalse();
        c.setAutoCommit(false);
        libsql.beginBatchDeferral();
        libsql.beginBatchDeferral(); // idempotent
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (?, ?)")) {
            addRows(p, 1, 3);
            assertThat(p.executeBatch()).containsExactly(1, 1, 1);
            addRows(p, 4, 5);
            assertThat(p.executeBatch()).containsExactly(1, 1);
        }
        assertThat(count(c, t)).describedAs("read your writes").isEqualTo(5);
        try (PreparedStatement p = c.prepareStatement("UPDATE " + t + " SET name = ? WHERE id <= ?")) {
            p.setString(1, "x");
            p.setInt(2, 2);
            p.addBatch();
            assertThat(p.executeBatch()).describedAs("exact counts for updates").containsExactly(2);
        }
        c.commit();
        assertThat(libsql.isBatchDeferral()).describedAs("ends at commit").isFalse();
        c.setAutoCommit(true);
        assertThat(count(c, t)).isEqualTo(5);
    }

    @Test
    void failedDeferredRowFailsTheNextCallAsItsBatch() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        c.setAutoCommit(false);
        libsql.beginBatchDeferral();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (?, ?)")) {
            addRows(p, 1, 2);
            p.executeBatch();
            addRows(p, 3, 5);
            p.setInt(1, 1); // duplicate key in the second batch, row 4 of it
            p.addBatch();
            assertThat(p.executeBatch()).containsExactly(1, 1, 1, 1);
        }
        BatchUpdateException e = catchThrowableOfType(BatchUpdateException.class, () -> count(c, t));
        assertThat((Object) e).isNotNull();
        assertThat(e.getUpdateCounts()).containsExactly(1, 1, 1);
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(e.getErrorCode()).isEqualTo(19);
        assertThat(e.getMessage()).contains("UNIQUE constraint failed");
        c.rollback();
        c.setAutoCommit(true);
        assertThat(count(c, t)).describedAs("nothing committed").isZero();
    }

    @Test
    void endBatchDeferralSendsThePendingRowsAndThrowsTheirFailure() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        c.setAutoCommit(false);
        libsql.beginBatchDeferral();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (?, ?)")) {
            addRows(p, 1, 2);
            p.setInt(1, 3);
            p.setNull(2, Types.VARCHAR);
            p.addBatch();
            assertThat(p.executeBatch()).containsExactly(1, 1, 1);
        }
        BatchUpdateException e = catchThrowableOfType(BatchUpdateException.class, libsql::endBatchDeferral);
        assertThat((Object) e).isNotNull();
        assertThat(e.getUpdateCounts()).containsExactly(1, 1);
        assertThat(e.getSQLState()).isEqualTo("23502");
        assertThat(libsql.isBatchDeferral()).isFalse();
        c.rollback();
        c.setAutoCommit(true);
        assertThat(count(c, t)).isZero();
    }

    @Test
    void statementsThatAreNotPlainSingleRowInsertsAreNotDeferred() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        LibsqlConnection libsql = c.unwrap(LibsqlConnection.class);
        c.setAutoCommit(false);
        libsql.beginBatchDeferral();
        try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO " + t + " (id, name) VALUES (?, ?)")) {
            addRows(p, 1, 1);
            addRows(p, 1, 1);
            assertThat(p.executeBatch())
                    .describedAs("exact counts: executed now")
                    .containsExactly(1, 0);
        }
        c.commit();
        c.setAutoCommit(true);
        assertThat(count(c, t)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void commitMakesChangesVisibleAndRollbackDiscardsThem() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY");
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
            s.executeUpdate("INSERT INTO " + t + " VALUES (2)");
            c.rollback();
            assertThat(count(c, t)).isZero();
            s.executeUpdate("INSERT INTO " + t + " VALUES (3)");
            c.commit();
            c.commit();
        }
        c.setAutoCommit(true);
        assertThat(count(c, t)).isEqualTo(1);
    }

    @Test
    void batchInsideTransactionRollsBackWithIt() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY");
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
            for (int i = 0; i < 3; i++) {
                p.setInt(1, i);
                p.addBatch();
            }
            assertThat(p.executeBatch()).containsExactly(1, 1, 1);
        }
        assertThat(count(c, t)).isEqualTo(3);
        c.rollback();
        assertThat(count(c, t)).isZero();
        c.setAutoCommit(true);
    }

    @Test
    void savepointsRollBackPartOfATransaction() throws SQLException {
        Connection c = connect();
        String t = table(c, "id INTEGER PRIMARY KEY");
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
            Savepoint first = c.setSavepoint();
            s.executeUpdate("INSERT INTO " + t + " VALUES (2)");
            Savepoint named = c.setSavepoint("second");
            s.executeUpdate("INSERT INTO " + t + " VALUES (3)");
            c.rollback(named);
            assertThat(count(c, t)).isEqualTo(2);
            c.rollback(first);
            assertThat(count(c, t)).isEqualTo(1);
            c.releaseSavepoint(first);
            c.commit();
        }
        c.setAutoCommit(true);
        assertThat(count(c, t)).isEqualTo(1);
        assertThatThrownBy(c::setSavepoint)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("setAutoCommit(false)");
    }

    @Test
    void immediateTransactionModeAndForeignKeyProperty() throws SQLException {
        Properties immediate = new Properties();
        immediate.setProperty("transactionMode", "IMMEDIATE");
        Connection c = connect(immediate);
        String parent = table(c, "id INTEGER PRIMARY KEY");
        String child = table(c, "id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES " + parent + "(id)");
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + parent + " VALUES (1)");
            s.executeUpdate("INSERT INTO " + child + " VALUES (1, 1)");
            assertState(
                    () -> s.executeUpdate("INSERT INTO " + child + " VALUES (2, 7)"),
                    SQLIntegrityConstraintViolationException.class,
                    "23503",
                    19);
            c.commit();
        }
        c.setAutoCommit(true);
        assertThat(count(c, child)).isEqualTo(1);
        if (fullServer()) {
            // tursodb's one shared engine connection keeps the pragma other connections set.
            Properties noForeignKeys = new Properties();
            noForeignKeys.setProperty("foreignKeys", "false");
            try (Statement s = connect(noForeignKeys).createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO " + child + " VALUES (3, 99)"))
                        .describedAs("foreignKeys=false: SQLite's default, not enforced")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void isolationAndHoldabilityAreReportedHonestly() throws SQLException {
        Connection c = connect();
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat((Object) c.getWarnings()).isNotNull();
        c.clearWarnings();
        assertThat((Object) c.getWarnings()).isNull();
        assertThat(c.isValid(5)).isTrue();
        assertThat(c.unwrap(Connection.class)).isSameAs(c);
        assertThat(c.isWrapperFor(DatabaseMetaData.class)).isFalse();
    }

    // ---------------------------------------------------------------- errors

    @Test
    void constraintAndSyntaxErrorsAreMapped() throws SQLException {
        Connection c = connect();
        String parent = table(c, "id INTEGER PRIMARY KEY");
        String child = table(
                c,
                "id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT NOT NULL, "
                        + "age INTEGER CHECK (age >= 0), parent_id INTEGER REFERENCES " + parent + "(id)");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + parent + " VALUES (1)");
            s.executeUpdate("INSERT INTO " + child + " VALUES (1, 'a@x', 'a', 1, 1)");
            assertState(
                    () -> s.executeUpdate("INSERT INTO " + child + " VALUES (2, 'a@x', 'b', 1, 1)"),
                    SQLIntegrityConstraintViolationException.class,
                    "23505",
                    19);
            assertState(
                    () -> s.executeUpdate("INSERT INTO " + child + " VALUES (3, 'c@x', NULL, 1, 1)"),
                    SQLIntegrityConstraintViolationException.class,
                    "23502",
                    19);
            assertState(
                    () -> s.executeUpdate("INSERT INTO " + child + " VALUES (4, 'd@x', 'd', 1, 99)"),
                    SQLIntegrityConstraintViolationException.class,
                    "23503",
                    19);
            assertState(
                    () -> s.executeUpdate("INSERT INTO " + child + " VALUES (5, 'e@x', 'e', -1, 1)"),
                    SQLIntegrityConstraintViolationException.class,
                    "23514",
                    19);
            assertState(() -> s.executeQuery("SELEC 1"), SQLSyntaxErrorException.class, "42000", null);
            assertState(
                    () -> s.executeQuery("SELECT * FROM no_such_table_here"),
                    SQLSyntaxErrorException.class,
                    "42S02",
                    null);
            assertThat(count(c, child)).isEqualTo(1);
        }
    }

    private interface Action {
        void run() throws SQLException;
    }

    private static void assertState(Action action, Class<? extends SQLException> type, String state, Integer code) {
        SQLException e = catchThrowableOfType(SQLException.class, action::run);
        assertThat((Object) e).describedAs("expected " + type.getSimpleName()).isInstanceOf(type);
        assertThat(e.getSQLState()).describedAs(e.getMessage()).isEqualTo(state);
        if (code != null) {
            assertThat(e.getErrorCode()).isEqualTo(code);
        }
    }

    @Test
    void closedObjectsFailWithTheirStates() throws SQLException {
        Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1");
        rs.close();
        assertState(rs::next, SQLException.class, "55000", null);
        s.close();
        assertState(() -> s.executeQuery("SELECT 1"), SQLException.class, "55000", null);
        Statement open = c.createStatement();
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(open.isClosed())
                .describedAs("closing the connection closes its statements")
                .isTrue();
        assertThat(c.isValid(1)).isFalse();
        assertState(c::createStatement, SQLException.class, "08003", null);
        assertState(c::commit, SQLException.class, "08003", null);
        assertState(() -> c.setAutoCommit(false), SQLException.class, "08003", null);
    }

    @Test
    void resultSetsAreForwardOnlyUnlessScrollableWasAsked() throws SQLException {
        Connection c = connect();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 UNION ALL SELECT 2")) {
            assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            assertThat(rs.next()).isTrue();
            assertState(rs::previous, SQLException.class, "24000", null);
        }
        try (Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
                ResultSet rs = s.executeQuery("SELECT 1 UNION ALL SELECT 2")) {
            assertThat(rs.last()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.first()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- pools

    @Test
    void hikariPoolOfFourRunsAThousandStatementsAcrossThreads() throws Exception {
        String t;
        try (Connection c = connect()) {
            t = table(c, "id INTEGER PRIMARY KEY, worker INTEGER, n INTEGER");
        }
        LibsqlDataSource dataSource = new LibsqlDataSource(jdbcUrl());
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setPoolName("conformance");
        int threads = 8;
        int perThread = 125;
        try (HikariDataSource pool = new HikariDataSource(config)) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int w = 0; w < threads; w++) {
                    int worker = w;
                    futures.add(executor.submit(() -> {
                        int done = 0;
                        for (int i = 0; i < perThread; i++) {
                            try (Connection c = pool.getConnection();
                                    PreparedStatement p =
                                            c.prepareStatement("INSERT INTO " + t + " (worker, n) VALUES (?, ?)")) {
                                p.setInt(1, worker);
                                p.setInt(2, i);
                                done += p.executeUpdate();
                            }
                        }
                        return done;
                    }));
                }
                int total = 0;
                for (Future<Integer> future : futures) {
                    total += future.get(5, TimeUnit.MINUTES);
                }
                assertThat(total).isEqualTo(threads * perThread);
            } finally {
                executor.shutdownNow();
            }
            assertNoStreamsHeld();
            try (Connection c = pool.getConnection()) {
                assertThat(count(c, t)).isEqualTo(threads * perThread);
            }
        } finally {
            dataSource.close();
        }
    }
}
