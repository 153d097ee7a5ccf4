package dev.libsqljpa.jdbc.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link LibsqlDatabaseMetaData} reports, run against every target (subclasses): a plain
 * sqlite-jdbc connection, the libSQL driver on the testkit server and on tursodb. Each test
 * starts from an empty schema and builds the tables it reads.
 */
abstract class MetaDataConformanceTest {
    protected Connection connection;
    protected DatabaseMetaData metaData;

    /** A fresh connection to the target, in autocommit mode. */
    protected abstract Connection openConnection() throws SQLException;

    /** The metadata under test for {@link #connection}. */
    protected DatabaseMetaData metaDataFor(Connection connection) throws SQLException {
        return new LibsqlDatabaseMetaData(connection, "jdbc:libsql://example.invalid", null);
    }

    /** What {@link DatabaseMetaData#getURL()} should return. */
    protected String expectedUrl() {
        return "jdbc:libsql://example.invalid";
    }

    /** Whether the server's pragma functions accept table names containing {@code "} (tursodb 0.7.0 does not). */
    protected boolean pragmaArgumentsMayContainQuotes() {
        return true;
    }

    /** Whether the server supports generated columns (tursodb 0.7.0 only behind a flag). */
    protected boolean supportsGeneratedColumns() {
        return true;
    }

    @BeforeEach
    void openAndClean() throws SQLException {
        connection = openConnection();
        metaData = metaDataFor(connection);
        dropAll(connection);
    }

    @AfterEach
    void closeConnection() throws SQLException {
        if (connection != null) {
            dropAll(connection);
            connection.close();
        }
    }

    static void dropAll(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("select type, name from sqlite_schema where type in ('view', 'table')"
                                + " and name not like 'sqlite\\_%' escape '\\' and name not like '\\_\\_turso%' escape '\\'"
                                + " order by type desc")) {
            while (rs.next()) {
                drops.add("drop " + rs.getString(1) + " \"" + rs.getString(2).replace("\"", "\"\"") + "\"");
            }
        }
        for (String drop : drops) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(drop);
            }
        }
    }

    protected void execute(String... statements) throws SQLException {
        for (String sql : statements) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    /** The given columns of every row, read with {@code getString}, then the result set is closed. */
    protected static List<List<String>> rows(ResultSet resultSet, String... columns) throws SQLException {
        try (resultSet) {
            List<List<String>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<String> row = new ArrayList<>();
                for (String column : columns) {
                    row.add(resultSet.getString(column));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    protected static List<String> labels(ResultSet resultSet) throws SQLException {
        try (resultSet) {
            ResultSetMetaData rsmd = resultSet.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= rsmd.getColumnCount(); i++) {
                labels.add(rsmd.getColumnLabel(i));
            }
            return labels;
        }
    }

    protected static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    // ------------------------------------------------------------------ product

    @Test
    void reportsLibsqlWithTheSqliteEngineVersion() throws SQLException {
        String engine;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select sqlite_version()")) {
            rs.next();
            engine = rs.getString(1);
        }
        assertThat(metaData.getDatabaseProductName()).isEqualTo("libSQL");
        assertThat(metaData.getDatabaseProductVersion()).isEqualTo(engine);
        String[] parts = engine.split("\\.");
        assertThat(metaData.getDatabaseMajorVersion()).isEqualTo(Integer.parseInt(parts[0]));
        assertThat(metaData.getDatabaseMinorVersion()).isEqualTo(Integer.parseInt(parts[1]));
        assertThat(metaData.getDatabaseMajorVersion()).isEqualTo(3);
        assertThat(metaData.getJDBCMajorVersion()).isEqualTo(4);
        assertThat(metaData.getJDBCMinorVersion()).isEqualTo(3);
        assertThat(metaData.getDriverName()).isEqualTo("libSQL JDBC");
        assertThat(metaData.getDriverVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(metaData.getDriverVersion())
                .startsWith(metaData.getDriverMajorVersion() + "." + metaData.getDriverMinorVersion() + ".");
        assertThat(metaData.getConnection()).isSameAs(connection);
    }

    // ------------------------------------------------------------------ getTables

    @Test
    void getTablesListsTablesThenViewsWithoutInternalTables() throws SQLException {
        execute(
                "create table beta (id integer primary key autoincrement, name text)",
                "create table alpha (id integer primary key)",
                "create index alpha_idx on alpha(id)",
                "create view gamma as select id from alpha",
                "insert into beta(name) values ('x')");

        assertThat(rows(
                        metaData.getTables(null, null, "%", null),
                        "TABLE_CAT",
                        "TABLE_SCHEM",
                        "TABLE_NAME",
                        "TABLE_TYPE",
                        "REMARKS"))
                .containsExactly(
                        row(null, null, "alpha", "TABLE", null),
                        row(null, null, "beta", "TABLE", null),
                        row(null, null, "gamma", "VIEW", null));
        assertThat(labels(metaData.getTables(null, null, null, null)))
                .containsExactly(LibsqlDatabaseMetaData.TABLES_COLUMNS);
    }

    @Test
    void getTablesFiltersByType() throws SQLException {
        execute("create table alpha (id integer)", "create view gamma as select id from alpha");

        assertThat(rows(metaData.getTables(null, null, null, new String[] {"VIEW"}), "TABLE_NAME"))
                .containsExactly(row("gamma"));
        assertThat(rows(metaData.getTables(null, null, null, new String[] {"table"}), "TABLE_NAME"))
                .containsExactly(row("alpha"));
        assertThat(rows(metaData.getTables(null, null, null, new String[] {"TABLE", "VIEW"}), "TABLE_NAME"))
                .containsExactly(row("alpha"), row("gamma"));
        ResultSet none = metaData.getTables(null, null, null, new String[] {"SYSTEM TABLE"});
        assertThat(none.getMetaData().getColumnCount()).isEqualTo(LibsqlDatabaseMetaData.TABLES_COLUMNS.length);
        assertThat(rows(none, "TABLE_NAME")).isEmpty();
    }

    @Test
    void namePatternsHonourWildcardsEscapesAndIgnoreCase() throws SQLException {
        execute("create table abc (id integer)", "create table a_c (id integer)", "create table abcd (id integer)");

        assertThat(rows(metaData.getTables(null, null, "a_c", null), "TABLE_NAME"))
                .containsExactly(row("a_c"), row("abc"));
        assertThat(rows(metaData.getTables(null, null, "a\\_c", null), "TABLE_NAME"))
                .containsExactly(row("a_c"));
        assertThat(rows(metaData.getTables(null, null, "ABC%", null), "TABLE_NAME"))
                .containsExactly(row("abc"), row("abcd"));
        assertThat(rows(metaData.getTables(null, null, "", null), "TABLE_NAME")).isEmpty();
        assertThat(rows(metaData.getColumns(null, null, "a\\_c", "I_"), "TABLE_NAME", "COLUMN_NAME"))
                .containsExactly(row("a_c", "id"));
    }

    @Test
    void identifiersThatNeedQuotingWork() throws SQLException {
        execute(
                "create table \"my table\" (\"order\" integer primary key, \"a b\" varchar(12) unique)",
                "create table \"select\" (\"from\" text)",
                "create index \"my index\" on \"my table\"(\"a b\" desc)");

        assertThat(rows(metaData.getTables(null, null, "%", null), "TABLE_NAME"))
                .containsExactly(row("my table"), row("select"));
        assertThat(rows(
                        metaData.getColumns(null, null, "my table", null),
                        "COLUMN_NAME",
                        "ORDINAL_POSITION",
                        "TYPE_NAME",
                        "COLUMN_SIZE"))
                .containsExactly(row("order", "1", "INTEGER", "10"), row("a b", "2", "VARCHAR", "12"));
        assertThat(rows(metaData.getColumns(null, null, "select", "%"), "COLUMN_NAME"))
                .containsExactly(row("from"));
        assertThat(rows(
                        metaData.getIndexInfo(null, null, "my table", false, true),
                        "INDEX_NAME",
                        "COLUMN_NAME",
                        "ASC_OR_DESC"))
                .contains(row("my index", "a b", "D"));
        assertThat(rows(metaData.getPrimaryKeys(null, null, "my table"), "COLUMN_NAME", "KEY_SEQ"))
                .containsExactly(row("order", "1"));
    }

    @Test
    void tableNamesWithDoubleQuotesWork() throws SQLException {
        Assumptions.assumeTrue(pragmaArgumentsMayContainQuotes());
        execute("create table \"q\"\"t\" (a int)");

        assertThat(rows(metaData.getColumns(null, null, "q\"t", null), "TABLE_NAME", "COLUMN_NAME"))
                .containsExactly(row("q\"t", "a"));
    }

    @Test
    void mixedCaseNamesAreReportedAsWritten() throws SQLException {
        execute(
                "create table MixedCase (Id integer primary key, CamelCol text)",
                "create table \"Quoted Mixed\" (X int)",
                "create table apple (id int)",
                "create index IdxMixed on MixedCase(CamelCol)");

        assertThat(rows(metaData.getTables(null, null, "%", null), "TABLE_NAME"))
                .as("ordered ignoring case")
                .containsExactly(row("apple"), row("MixedCase"), row("Quoted Mixed"));
        assertThat(rows(metaData.getTables(null, null, "mixedcase", null), "TABLE_NAME"))
                .containsExactly(row("MixedCase"));
        assertThat(rows(metaData.getColumns(null, null, "MIXEDCASE", null), "TABLE_NAME", "COLUMN_NAME"))
                .containsExactly(row("MixedCase", "Id"), row("MixedCase", "CamelCol"));
        assertThat(rows(metaData.getIndexInfo(null, null, "mixedcase", false, true), "TABLE_NAME", "INDEX_NAME"))
                .containsExactly(row("MixedCase", "IdxMixed"));
    }

    @Test
    void catalogAndSchemaArgumentsAcceptTheOneDatabaseOnly() throws SQLException {
        execute("create table alpha (id integer primary key)");

        for (String catalog : new String[] {null, "", "main", "MAIN"}) {
            assertThat(rows(metaData.getTables(catalog, null, "alpha", null), "TABLE_NAME"))
                    .as("catalog %s", catalog)
                    .containsExactly(row("alpha"));
        }
        for (String schema : new String[] {null, "", "main", "%", "m_in"}) {
            assertThat(rows(metaData.getColumns(null, schema, "alpha", null), "COLUMN_NAME"))
                    .as("schema %s", schema)
                    .containsExactly(row("id"));
        }
        assertThat(rows(metaData.getTables("other", null, "alpha", null), "TABLE_NAME"))
                .isEmpty();
        assertThat(rows(metaData.getTables(null, "temp", "alpha", null), "TABLE_NAME"))
                .isEmpty();
        ResultSet columns = metaData.getColumns("other", null, "alpha", null);
        assertThat(labels(columns)).containsExactly(LibsqlDatabaseMetaData.COLUMNS_COLUMNS);
        assertThat(rows(metaData.getPrimaryKeys(null, "other", "alpha"), "COLUMN_NAME"))
                .isEmpty();
        assertThat(rows(metaData.getIndexInfo("x", null, "alpha", false, true), "COLUMN_NAME"))
                .isEmpty();
    }

    // ------------------------------------------------------------------ getColumns

    @Test
    void getColumnsReportsTypesSizesNullabilityAndDefaults() throws SQLException {
        execute("create table item ("
                + "id integer primary key autoincrement,"
                + " name varchar(100) not null,"
                + " price numeric(19, 2) default 0.5,"
                + " note text default 'it''s',"
                + " payload,"
                + " big bigint not null,"
                + " flag boolean,"
                + " created timestamp,"
                + " ratio double precision,"
                + " code char(3),"
                + " data blob,"
                + " weird custom_thing)");

        assertThat(rows(
                        metaData.getColumns(null, null, "item", null),
                        "TABLE_NAME",
                        "COLUMN_NAME",
                        "DATA_TYPE",
                        "TYPE_NAME",
                        "COLUMN_SIZE",
                        "DECIMAL_DIGITS",
                        "NULLABLE",
                        "IS_NULLABLE",
                        "COLUMN_DEF",
                        "ORDINAL_POSITION",
                        "IS_AUTOINCREMENT",
                        "IS_GENERATEDCOLUMN"))
                .containsExactly(
                        row("item", "id", str(Types.INTEGER), "INTEGER", "10", "0", "0", "NO", null, "1", "YES", "NO"),
                        row(
                                "item",
                                "name",
                                str(Types.VARCHAR),
                                "VARCHAR",
                                "100",
                                null,
                                "0",
                                "NO",
                                null,
                                "2",
                                "NO",
                                "NO"),
                        row(
                                "item",
                                "price",
                                str(Types.NUMERIC),
                                "NUMERIC",
                                "19",
                                "2",
                                "1",
                                "YES",
                                "0.5",
                                "3",
                                "NO",
                                "NO"),
                        row(
                                "item",
                                "note",
                                str(Types.VARCHAR),
                                "TEXT",
                                "1000000000",
                                null,
                                "1",
                                "YES",
                                "'it''s'",
                                "4",
                                "NO",
                                "NO"),
                        row(
                                "item",
                                "payload",
                                str(Types.BLOB),
                                "BLOB",
                                "1000000000",
                                null,
                                "1",
                                "YES",
                                null,
                                "5",
                                "NO",
                                "NO"),
                        row("item", "big", str(Types.BIGINT), "BIGINT", "19", "0", "0", "NO", null, "6", "NO", "NO"),
                        row("item", "flag", str(Types.BOOLEAN), "BOOLEAN", "1", "0", "1", "YES", null, "7", "NO", "NO"),
                        row(
                                "item",
                                "created",
                                str(Types.TIMESTAMP),
                                "TIMESTAMP",
                                "29",
                                null,
                                "1",
                                "YES",
                                null,
                                "8",
                                "NO",
                                "NO"),
                        row(
                                "item",
                                "ratio",
                                str(Types.DOUBLE),
                                "DOUBLE PRECISION",
                                "15",
                                null,
                                "1",
                                "YES",
                                null,
                                "9",
                                "NO",
                                "NO"),
                        row("item", "code", str(Types.CHAR), "CHAR", "3", null, "1", "YES", null, "10", "NO", "NO"),
                        row(
                                "item",
                                "data",
                                str(Types.BLOB),
                                "BLOB",
                                "1000000000",
                                null,
                                "1",
                                "YES",
                                null,
                                "11",
                                "NO",
                                "NO"),
                        row(
                                "item",
                                "weird",
                                str(Types.NUMERIC),
                                "CUSTOM_THING",
                                null,
                                null,
                                "1",
                                "YES",
                                null,
                                "12",
                                "NO",
                                "NO"));
        assertThat(labels(metaData.getColumns(null, null, "item", null)))
                .containsExactly(LibsqlDatabaseMetaData.COLUMNS_COLUMNS);
    }

    @Test
    void affinityRulesDecideUnknownTypeNames() throws SQLException {
        execute("create table aff (a mediumint, b unsigned big int, c nvarchar(20), d clob, e float, f real,"
                + " g date, h int8, i character varying(7), j longint, k stringtext, l blobby, m floaty, n doubled,"
                + " o decimal(10, 3), p datetime)");

        assertThat(rows(
                        metaData.getColumns(null, null, "aff", null),
                        "COLUMN_NAME",
                        "DATA_TYPE",
                        "COLUMN_SIZE",
                        "DECIMAL_DIGITS"))
                .containsExactly(
                        row("a", str(Types.INTEGER), "10", "0"),
                        row("b", str(Types.BIGINT), "19", "0"),
                        row("c", str(Types.VARCHAR), "20", null),
                        row("d", str(Types.CLOB), "1000000000", null),
                        row("e", str(Types.FLOAT), "15", null),
                        row("f", str(Types.REAL), "7", null),
                        row("g", str(Types.DATE), "10", null),
                        row("h", str(Types.BIGINT), "19", "0"),
                        row("i", str(Types.VARCHAR), "7", null),
                        row("j", str(Types.INTEGER), "10", "0"),
                        row("k", str(Types.VARCHAR), "1000000000", null),
                        row("l", str(Types.BLOB), "1000000000", null),
                        row("m", str(Types.FLOAT), "15", null),
                        row("n", str(Types.DOUBLE), "15", null),
                        row("o", str(Types.DECIMAL), "10", "3"),
                        row("p", str(Types.TIMESTAMP), "29", null));
    }

    @Test
    void compositeAndNonIntegerPrimaryKeysAreNotRowidAliases() throws SQLException {
        execute(
                "create table pk2 (a integer, b integer, primary key (a, b))",
                "create table pkt (k text primary key, v int)",
                "create table pkb (id bigint primary key)");

        assertThat(rows(
                        metaData.getColumns(null, null, "pk_", null),
                        "TABLE_NAME",
                        "COLUMN_NAME",
                        "NULLABLE",
                        "IS_AUTOINCREMENT"))
                .containsExactly(
                        row("pk2", "a", "1", "NO"),
                        row("pk2", "b", "1", "NO"),
                        row("pkb", "id", "1", "NO"),
                        row("pkt", "k", "1", "NO"),
                        row("pkt", "v", "1", "NO"));
    }

    @Test
    void getColumnsCoversViews() throws SQLException {
        execute(
                "create table base (id integer primary key, name text)",
                "create view names as select id, name from base");

        assertThat(rows(
                        metaData.getColumns(null, null, "names", null),
                        "TABLE_NAME",
                        "COLUMN_NAME",
                        "ORDINAL_POSITION"))
                .containsExactly(row("names", "id", "1"), row("names", "name", "2"));
        assertThat(rows(metaData.getColumns(null, null, "names", null), "TYPE_NAME"))
                .allSatisfy(r -> assertThat(r.get(0)).isNotBlank());
    }

    @Test
    void generatedColumnsAreFlagged() throws SQLException {
        Assumptions.assumeTrue(supportsGeneratedColumns());
        execute("create table gen (a integer, b integer generated always as (a * 2) virtual,"
                + " c text generated always as ('x' || a) stored)");

        assertThat(rows(
                        metaData.getColumns(null, null, "gen", null),
                        "COLUMN_NAME",
                        "ORDINAL_POSITION",
                        "IS_GENERATEDCOLUMN"))
                .containsExactly(row("a", "1", "NO"), row("b", "2", "YES"), row("c", "3", "YES"));
    }

    // ------------------------------------------------------------------ getIndexInfo

    @Test
    void getIndexInfoListsExplicitAndConstraintIndexes() throws SQLException {
        execute(
                "create table person (id integer primary key, email text unique, last text, first text,"
                        + " nick text)",
                "create index person_name on person(last, first desc)",
                "create unique index person_nick on person(nick)",
                "create table tag (a text, b text, primary key (b, a))");

        List<List<String>> index = rows(
                metaData.getIndexInfo(null, null, "person", false, true),
                "TABLE_NAME",
                "NON_UNIQUE",
                "INDEX_NAME",
                "TYPE",
                "ORDINAL_POSITION",
                "COLUMN_NAME",
                "ASC_OR_DESC");
        assertThat(index)
                .containsExactly(
                        row("person", "0", "person_nick", "3", "1", "nick", "A"),
                        row("person", "0", "sqlite_autoindex_person_1", "3", "1", "email", "A"),
                        row("person", "1", "person_name", "3", "1", "last", "A"),
                        row("person", "1", "person_name", "3", "2", "first", "D"));

        assertThat(rows(metaData.getIndexInfo(null, null, "person", true, true), "INDEX_NAME"))
                .containsExactly(row("person_nick"), row("sqlite_autoindex_person_1"));
        assertThat(rows(
                        metaData.getIndexInfo(null, null, "tag", false, false),
                        "INDEX_NAME",
                        "COLUMN_NAME",
                        "ORDINAL_POSITION"))
                .containsExactly(row("sqlite_autoindex_tag_1", "b", "1"), row("sqlite_autoindex_tag_1", "a", "2"));
        assertThat(rows(metaData.getIndexInfo(null, null, null, false, true), "TABLE_NAME"))
                .hasSize(6);
        assertThat(labels(metaData.getIndexInfo(null, null, "person", false, true)))
                .containsExactly(LibsqlDatabaseMetaData.INDEX_INFO_COLUMNS);
        assertThat(rows(metaData.getIndexInfo(null, null, "missing", false, true), "INDEX_NAME"))
                .isEmpty();
    }

    @Test
    void partialAndExpressionIndexes() throws SQLException {
        execute(
                "create table item (id integer primary key, name text, price int)",
                "create index item_cheap on item(name) where price > 0 and name is not null",
                "create index item_lower on item(lower(name), id desc)");

        List<List<String>> index = rows(
                metaData.getIndexInfo(null, null, "item", false, true),
                "INDEX_NAME",
                "ORDINAL_POSITION",
                "COLUMN_NAME",
                "ASC_OR_DESC",
                "FILTER_CONDITION");
        assertThat(index).hasSize(3);
        assertThat(index.get(0).subList(0, 4)).containsExactly("item_cheap", "1", "name", "A");
        assertThat(index.get(0).get(4))
                .as("partial index condition as stored (tursodb upper-cases keywords)")
                .isEqualToIgnoringCase("price > 0 and name is not null");
        assertThat(index.subList(1, 3))
                .as("expression column has no name")
                .containsExactly(row("item_lower", "1", null, "A", null), row("item_lower", "2", "id", "D", null));
    }

    // ------------------------------------------------------------------ getPrimaryKeys

    @Test
    void getPrimaryKeysGivesKeySequenceInDeclarationOrder() throws SQLException {
        execute(
                "create table tag (a text, b text, c int, primary key (b, a))",
                "create table solo (id integer primary key, x int)",
                "create table nokey (x int)");

        assertThat(rows(
                        metaData.getPrimaryKeys(null, null, "tag"),
                        "TABLE_CAT",
                        "TABLE_SCHEM",
                        "TABLE_NAME",
                        "COLUMN_NAME",
                        "KEY_SEQ"))
                .containsExactly(row(null, null, "tag", "a", "2"), row(null, null, "tag", "b", "1"));
        assertThat(rows(metaData.getPrimaryKeys(null, null, "SOLO"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ"))
                .containsExactly(row("solo", "id", "1"));
        assertThat(rows(metaData.getPrimaryKeys(null, null, "nokey"), "COLUMN_NAME"))
                .isEmpty();
        assertThat(rows(metaData.getPrimaryKeys(null, null, null), "TABLE_NAME", "COLUMN_NAME"))
                .containsExactly(row("solo", "id"), row("tag", "a"), row("tag", "b"));
        assertThat(labels(metaData.getPrimaryKeys(null, null, "tag")))
                .containsExactly(LibsqlDatabaseMetaData.PRIMARY_KEYS_COLUMNS);
    }

    @Test
    void bestRowIdentifierIsThePrimaryKeyOrTheRowid() throws SQLException {
        execute(
                "create table solo (id integer primary key, x int)",
                "create table tag (a varchar(10), b int, primary key (b, a))",
                "create table heap (x int)",
                "create view heap_view as select x from heap");
        String[] columns = {
            "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "PSEUDO_COLUMN"
        };
        String session = str(DatabaseMetaData.bestRowSession);

        assertThat(rows(
                        metaData.getBestRowIdentifier(null, null, "solo", DatabaseMetaData.bestRowSession, false),
                        columns))
                .containsExactly(row(
                        session,
                        "id",
                        str(Types.INTEGER),
                        "INTEGER",
                        "10",
                        "0",
                        str(DatabaseMetaData.bestRowNotPseudo)));
        assertThat(rows(
                        metaData.getBestRowIdentifier(null, null, "TAG", DatabaseMetaData.bestRowTemporary, true),
                        "COLUMN_NAME",
                        "TYPE_NAME",
                        "COLUMN_SIZE"))
                .containsExactlyInAnyOrder(row("a", "VARCHAR", "10"), row("b", "INT", "10"));
        assertThat(rows(
                        metaData.getBestRowIdentifier(null, null, "heap", DatabaseMetaData.bestRowSession, true),
                        columns))
                .containsExactly(row(
                        session,
                        "rowid",
                        str(Types.BIGINT),
                        "INTEGER",
                        "19",
                        "0",
                        str(DatabaseMetaData.bestRowPseudo)));
        assertThat(rows(metaData.getBestRowIdentifier(null, null, "heap_view", 2, true), "COLUMN_NAME"))
                .isEmpty();
        assertThat(rows(metaData.getBestRowIdentifier(null, null, "missing", 2, true), "COLUMN_NAME"))
                .isEmpty();
        assertThat(labels(metaData.getBestRowIdentifier(null, null, "solo", 2, true)))
                .containsExactly(LibsqlDatabaseMetaData.BEST_ROW_COLUMNS);
    }

    // ------------------------------------------------------------------ foreign keys

    @Test
    void foreignKeysInAllThreeDirections() throws SQLException {
        execute(
                "create table author (id integer primary key, email text unique)",
                "create table book (isbn text, edition int, author_id integer references author(id)"
                        + " on delete cascade, primary key (edition, isbn))",
                "create table review (id integer primary key, book_edition int, book_isbn text,"
                        + " author_email text references author(email) on update set null,"
                        + " foreign key (book_edition, book_isbn) references book)");

        String[] columns = {
            "PKTABLE_CAT",
            "PKTABLE_NAME",
            "PKCOLUMN_NAME",
            "FKTABLE_NAME",
            "FKCOLUMN_NAME",
            "KEY_SEQ",
            "UPDATE_RULE",
            "DELETE_RULE",
            "DEFERRABILITY"
        };
        String noAction = str(DatabaseMetaData.importedKeyNoAction);
        String notDeferrable = str(DatabaseMetaData.importedKeyNotDeferrable);
        List<String> bookToAuthor = row(
                null,
                "author",
                "id",
                "book",
                "author_id",
                "1",
                noAction,
                str(DatabaseMetaData.importedKeyCascade),
                notDeferrable);
        List<String> reviewToAuthor = row(
                null,
                "author",
                "email",
                "review",
                "author_email",
                "1",
                str(DatabaseMetaData.importedKeySetNull),
                noAction,
                notDeferrable);
        List<String> reviewToBook1 =
                row(null, "book", "edition", "review", "book_edition", "1", noAction, noAction, notDeferrable);
        List<String> reviewToBook2 =
                row(null, "book", "isbn", "review", "book_isbn", "2", noAction, noAction, notDeferrable);

        assertThat(rows(metaData.getImportedKeys(null, null, "review"), columns))
                .containsExactly(reviewToAuthor, reviewToBook1, reviewToBook2);
        assertThat(rows(metaData.getImportedKeys(null, null, "book"), columns)).containsExactly(bookToAuthor);
        assertThat(rows(metaData.getExportedKeys(null, null, "author"), columns))
                .containsExactly(bookToAuthor, reviewToAuthor);
        assertThat(rows(metaData.getExportedKeys(null, null, "BOOK"), columns))
                .containsExactly(reviewToBook1, reviewToBook2);
        assertThat(rows(metaData.getCrossReference(null, null, "author", null, null, "review"), columns))
                .containsExactly(reviewToAuthor);
        assertThat(rows(metaData.getCrossReference(null, null, "book", null, null, "author"), columns))
                .isEmpty();
        assertThat(rows(metaData.getImportedKeys(null, null, null), columns)).hasSize(4);
        assertThat(labels(metaData.getImportedKeys(null, null, "review")))
                .containsExactly(LibsqlDatabaseMetaData.KEYS_COLUMNS);
        assertThat(labels(metaData.getExportedKeys(null, null, "review")))
                .containsExactly(LibsqlDatabaseMetaData.KEYS_COLUMNS);
        assertThat(labels(metaData.getCrossReference(null, null, "a", null, null, "b")))
                .containsExactly(LibsqlDatabaseMetaData.KEYS_COLUMNS);
    }

    // ------------------------------------------------------------------ static result sets

    @Test
    void getTypeInfoListsTheTypesOrderedByJdbcType() throws SQLException {
        List<List<String>> types = rows(
                metaData.getTypeInfo(),
                "TYPE_NAME",
                "DATA_TYPE",
                "PRECISION",
                "NULLABLE",
                "AUTO_INCREMENT",
                "NUM_PREC_RADIX");
        assertThat(types)
                .contains(
                        row("INTEGER", str(Types.INTEGER), "10", "1", "1", "10"),
                        row("BIGINT", str(Types.BIGINT), "19", "1", "0", "10"),
                        row("VARCHAR", str(Types.VARCHAR), "1000000000", "1", "0", "10"),
                        row("BLOB", str(Types.BLOB), "1000000000", "1", "0", "10"),
                        row("TIMESTAMP", str(Types.TIMESTAMP), "29", "1", "0", "10"));
        List<Integer> codes = new ArrayList<>();
        for (List<String> type : types) {
            codes.add(Integer.parseInt(type.get(1)));
        }
        assertThat(codes).isSorted();
        assertThat(labels(metaData.getTypeInfo())).containsExactly(LibsqlDatabaseMetaData.TYPE_INFO_COLUMNS);
    }

    @Test
    void getTableTypesListsTableAndView() throws SQLException {
        assertThat(rows(metaData.getTableTypes(), "TABLE_TYPE")).containsExactly(row("TABLE"), row("VIEW"));
    }

    @Test
    void emptyResultSetsCarryTheirColumns() throws SQLException {
        assertEmpty(metaData.getCatalogs(), LibsqlDatabaseMetaData.CATALOGS_COLUMNS);
        assertEmpty(metaData.getSchemas(), LibsqlDatabaseMetaData.SCHEMAS_COLUMNS);
        assertEmpty(metaData.getSchemas(null, "%"), LibsqlDatabaseMetaData.SCHEMAS_COLUMNS);
        assertEmpty(metaData.getClientInfoProperties(), LibsqlDatabaseMetaData.CLIENT_INFO_COLUMNS);
        assertEmpty(metaData.getProcedures(null, null, "%"), LibsqlDatabaseMetaData.PROCEDURES_COLUMNS);
        assertEmpty(
                metaData.getProcedureColumns(null, null, "%", "%"), LibsqlDatabaseMetaData.PROCEDURE_COLUMNS_COLUMNS);
        assertEmpty(metaData.getFunctions(null, null, "%"), LibsqlDatabaseMetaData.FUNCTIONS_COLUMNS);
        assertEmpty(metaData.getFunctionColumns(null, null, "%", "%"), LibsqlDatabaseMetaData.FUNCTION_COLUMNS_COLUMNS);
        assertEmpty(metaData.getTablePrivileges(null, null, "%"), LibsqlDatabaseMetaData.PRIVILEGES_COLUMNS);
        assertEmpty(
                metaData.getColumnPrivileges(null, null, "t", "%"), LibsqlDatabaseMetaData.COLUMN_PRIVILEGES_COLUMNS);
        assertEmpty(metaData.getVersionColumns(null, null, "t"), LibsqlDatabaseMetaData.VERSION_COLUMNS_COLUMNS);
        assertEmpty(metaData.getUDTs(null, null, "%", null), LibsqlDatabaseMetaData.UDT_COLUMNS);
        assertEmpty(metaData.getSuperTypes(null, null, "%"), LibsqlDatabaseMetaData.SUPER_TYPES_COLUMNS);
        assertEmpty(metaData.getSuperTables(null, null, "%"), LibsqlDatabaseMetaData.SUPER_TABLES_COLUMNS);
        assertEmpty(metaData.getAttributes(null, null, "%", "%"), LibsqlDatabaseMetaData.ATTRIBUTES_COLUMNS);
        assertEmpty(metaData.getPseudoColumns(null, null, "%", "%"), LibsqlDatabaseMetaData.PSEUDO_COLUMNS_COLUMNS);
    }

    private static void assertEmpty(ResultSet resultSet, String[] columns) throws SQLException {
        try (resultSet) {
            ResultSetMetaData rsmd = resultSet.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= rsmd.getColumnCount(); i++) {
                labels.add(rsmd.getColumnLabel(i));
            }
            assertThat(labels).containsExactly(columns);
            assertThat(resultSet.next()).isFalse();
        }
    }

    // ------------------------------------------------------------------ flags

    @Test
    void reportsWhatTheDriverAndSqliteSupport() throws SQLException {
        assertThat(metaData.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(metaData.getSearchStringEscape()).isEqualTo("\\");
        assertThat(metaData.getCatalogSeparator()).isEqualTo(".");
        assertThat(metaData.getSQLStateType()).isEqualTo(DatabaseMetaData.sqlStateSQL);
        assertThat(metaData.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(metaData.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE))
                .isTrue();
        assertThat(metaData.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED))
                .isFalse();
        assertThat(metaData.supportsTransactions()).isTrue();
        assertThat(metaData.supportsBatchUpdates()).isTrue();
        assertThat(metaData.supportsGetGeneratedKeys()).isTrue();
        assertThat(metaData.supportsSavepoints()).isTrue();
        assertThat(metaData.supportsNamedParameters()).isFalse();
        assertThat(metaData.supportsRefCursors()).isFalse();
        assertThat(metaData.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
        assertThat(metaData.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE))
                .isFalse();
        assertThat(metaData.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY))
                .isTrue();
        assertThat(metaData.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE))
                .isFalse();
        assertThat(metaData.supportsResultSetHoldability(metaData.getResultSetHoldability()))
                .isTrue();
        assertThat(metaData.storesMixedCaseIdentifiers()).isTrue();
        assertThat(metaData.storesLowerCaseIdentifiers()).isFalse();
        assertThat(metaData.storesUpperCaseIdentifiers()).isFalse();
        assertThat(metaData.supportsMixedCaseIdentifiers()).isFalse();
        assertThat(metaData.supportsSchemasInTableDefinitions()).isFalse();
        assertThat(metaData.supportsCatalogsInDataManipulation()).isFalse();
        assertThat(metaData.dataDefinitionCausesTransactionCommit()).isFalse();
        assertThat(metaData.dataDefinitionIgnoredInTransactions()).isFalse();
        assertThat(metaData.supportsDataDefinitionAndDataManipulationTransactions())
                .isTrue();
        assertThat(metaData.supportsLikeEscapeClause()).isTrue();
        assertThat(metaData.nullsAreSortedLow()).isTrue();
        assertThat(metaData.getSQLKeywords())
                .contains("PRAGMA", "AUTOINCREMENT", "LIMIT")
                .doesNotContain(" ");
        assertThat(metaData.getURL()).isEqualTo(expectedUrl());
        assertThat(metaData.isWrapperFor(DatabaseMetaData.class)).isTrue();
        assertThat(metaData.unwrap(DatabaseMetaData.class)).isSameAs(metaData);
        assertThatThrownBy(() -> metaData.unwrap(Connection.class)).isInstanceOf(SQLException.class);
    }

    @Test
    void metadataSeesTheConnectionsOwnTransaction() throws SQLException {
        connection.setAutoCommit(false);
        try {
            execute("create table pending (id integer primary key)");
            assertThat(rows(metaData.getTables(null, null, "pending", null), "TABLE_NAME"))
                    .containsExactly(row("pending"));
            connection.rollback();
            assertThat(rows(metaData.getTables(null, null, "pending", null), "TABLE_NAME"))
                    .isEmpty();
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Test
    void closedConnectionFailsWithSqlException() throws SQLException {
        Connection other = openConnection();
        DatabaseMetaData closedMetaData = metaDataFor(other);
        other.close();
        assertThatThrownBy(() -> closedMetaData.getTables(null, null, "%", null))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> closedMetaData.getColumns(null, null, "%", "%"))
                .isInstanceOf(SQLException.class);
        assertThat(closedMetaData.getDatabaseProductName()).isEqualTo("libSQL");
    }

    // ------------------------------------------------------------------ Hibernate's reads (docs/architecture.md)

    @Test
    void hibernateSchemaExtractionReadsWhatItNeeds() throws SQLException {
        execute(
                "create table blog_post (id integer primary key, version integer not null,"
                        + " title varchar(255) not null, body clob, published timestamp, data)",
                "create index idx_post_title on blog_post(title)",
                "create view post_titles as select title from blog_post");

        int tables = 0;
        try (ResultSet rs = metaData.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
            while (rs.next()) {
                tables++;
                rs.getString("TABLE_CAT");
                rs.getString("TABLE_SCHEM");
                assertThat(rs.getString("TABLE_NAME")).isIn("blog_post", "post_titles");
                assertThat(rs.getString("TABLE_TYPE")).isIn("TABLE", "VIEW");
                assertThat(rs.getString("REMARKS")).isNull();
            }
        }
        assertThat(tables).isEqualTo(2);

        List<String> seen = new ArrayList<>();
        try (ResultSet rs = metaData.getColumns(null, null, "%", "%")) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                String column = rs.getString("COLUMN_NAME");
                int dataType = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                int size = rs.getInt("COLUMN_SIZE");
                int digits = rs.getInt("DECIMAL_DIGITS");
                String nullable = rs.getString("IS_NULLABLE");
                assertThat(typeName).as("%s.%s", table, column).isNotBlank();
                assertThat(dataType).isNotZero();
                assertThat(size).isGreaterThanOrEqualTo(0);
                assertThat(digits).isGreaterThanOrEqualTo(0);
                assertThat(nullable).isIn("YES", "NO");
                seen.add(table + "." + column + ":" + dataType + ":" + typeName + ":" + nullable);
            }
        }
        assertThat(seen)
                .contains(
                        "blog_post.id:4:INTEGER:NO",
                        "blog_post.version:4:INTEGER:NO",
                        "blog_post.title:12:VARCHAR:NO",
                        "blog_post.body:2005:CLOB:YES",
                        "blog_post.published:93:TIMESTAMP:YES",
                        "blog_post.data:2004:BLOB:YES");
        assertThat(seen).filteredOn(s -> s.startsWith("post_titles.title:")).hasSize(1);

        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = metaData.getIndexInfo(null, null, "blog_post", false, true)) {
            while (rs.next()) {
                short type = rs.getShort("TYPE");
                assertThat(type).isNotEqualTo(DatabaseMetaData.tableIndexStatistic);
                indexes.add(rs.getString("INDEX_NAME") + ":" + rs.getString("COLUMN_NAME"));
            }
        }
        assertThat(indexes).containsExactly("idx_post_title:title");
    }

    @Test
    void selectWhereFalseHasColumnMetadata() throws SQLException {
        execute("create table blog_post (id integer primary key, title varchar(255))");
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from \"blog_post\" where 1=0")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
            assertThat(rs.next()).isFalse();
        }
    }

    static String str(int value) {
        return Integer.toString(value);
    }
}
