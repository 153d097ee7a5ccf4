package dev.libsqljpa.jdbc.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.http.HranaEndpoint;
import dev.libsqljpa.hrana.http.HranaTransport;
import dev.libsqljpa.hrana.http.HranaTransportConfig;
import dev.libsqljpa.hrana.http.ServerKind;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MetaDataConformanceTest} through the libSQL driver on the testkit server, plus the
 * round-trip budget: every metadata call is one HTTP request, the engine version costs none (it
 * comes with server detection) or one per endpoint, and no stream stays open.
 */
@ExtendWith(LibsqlServerExtension.class)
class TestkitMetaDataTest extends MetaDataConformanceTest {
    private static LibsqlTestServer server;

    @BeforeAll
    static void server(LibsqlTestServer testServer) {
        server = testServer;
    }

    @Override
    protected Connection openConnection() throws SQLException {
        return DriverManager.getConnection(url());
    }

    private static String url() {
        return "jdbc:libsql:" + server.url();
    }

    @Override
    protected DatabaseMetaData metaDataFor(Connection connection) throws SQLException {
        return connection.getMetaData();
    }

    @Override
    protected String expectedUrl() {
        return url();
    }

    @AfterEach
    void noStreamLeftOpen() {
        assertThat(server.counters().openStreams()).isZero();
    }

    @Test
    void getMetaDataReturnsTheLibsqlImplementation() {
        assertThat(metaData).isInstanceOf(LibsqlDatabaseMetaData.class);
    }

    @Test
    void everyCatalogCallIsOneRequest() throws SQLException {
        execute(
                "create table author (id integer primary key, email text unique)",
                "create table book (id integer primary key, author_id integer references author(id), title text)",
                "create index book_title on book(title)",
                "create view titles as select title from book");

        assertOneRequest(() -> metaData.getTables(null, null, "%", new String[] {"TABLE", "VIEW"}));
        assertOneRequest(() -> metaData.getColumns(null, null, "%", "%"));
        assertOneRequest(() -> metaData.getIndexInfo(null, null, "book", false, true));
        assertOneRequest(() -> metaData.getIndexInfo(null, null, null, false, true));
        assertOneRequest(() -> metaData.getPrimaryKeys(null, null, "book"));
        assertOneRequest(() -> metaData.getImportedKeys(null, null, "book"));
        assertOneRequest(() -> metaData.getExportedKeys(null, null, "author"));
        assertOneRequest(() -> metaData.getCrossReference(null, null, "author", null, null, "book"));
        assertOneRequest(
                () -> metaData.getBestRowIdentifier(null, null, "book", DatabaseMetaData.bestRowSession, true));
        assertOneRequest(() -> metaData.getTypeInfo());
        assertOneRequest(() -> metaData.getTableTypes());
        assertOneRequest(() -> metaData.getCatalogs());
        assertOneRequest(() -> metaData.getSchemas());
        assertOneRequest(() -> metaData.getFunctions(null, null, "%"));
        assertOneRequest(() -> metaData.getColumns("other", null, "%", "%"));
    }

    @Test
    void engineVersionComesWithServerDetectionAndOtherScalarsCostNothing() throws SQLException {
        // A driver of its own, so its endpoint is new: connecting detects the server, and the detection
        // probe brings the version along.
        try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
                Connection fresh = driver.connect(url(), new Properties())) {
            DatabaseMetaData freshMetaData = fresh.getMetaData();
            server.counters().reset();
            String version = freshMetaData.getDatabaseProductVersion();
            freshMetaData.getDatabaseMajorVersion();
            freshMetaData.getDatabaseMinorVersion();
            freshMetaData.supportsFullOuterJoins();
            assertThat(fresh.getMetaData().getDatabaseProductVersion()).isEqualTo(version);
            assertThat(server.counters().httpRequests()).isZero();
            assertThat(version).isEqualTo(sqliteVersion(fresh));
        }

        server.counters().reset();
        metaData.getDatabaseProductName();
        metaData.getDriverName();
        metaData.getSQLKeywords();
        metaData.getIdentifierQuoteString();
        metaData.supportsBatchUpdates();
        metaData.getDefaultTransactionIsolation();
        metaData.storesMixedCaseIdentifiers();
        metaData.getJDBCMajorVersion();
        assertThat(server.counters().httpRequests()).isZero();
    }

    @Test
    void engineVersionOfAnEndpointThatDidNotProbeIsReadOnceAndShared() throws SQLException {
        // An endpoint created with a preset server kind sends no detection probe, so it knows no version.
        try (HranaTransport transport = new HranaTransport(HranaTransportConfig.defaults());
                Connection connection = openConnection()) {
            HranaEndpoint preset = transport.endpoint(URI.create(server.url()), null, ServerKind.FULL_V3);
            assertThat(preset.serverVersion()).isEmpty();
            server.counters().reset();

            String version = new LibsqlDatabaseMetaData(connection, url(), null, preset).getDatabaseProductVersion();
            assertThat(server.counters().httpRequests())
                    .describedAs("one select sqlite_version()")
                    .isEqualTo(1);
            assertThat(new LibsqlDatabaseMetaData(connection, url(), null, preset).getDatabaseProductVersion())
                    .isEqualTo(version);
            assertThat(server.counters().httpRequests())
                    .describedAs("remembered for the endpoint")
                    .isEqualTo(1);
            assertThat(version).isEqualTo(sqliteVersion(connection));
        }
    }

    private static String sqliteVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select sqlite_version()")) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getString(1);
        }
    }

    @Test
    void urlCarriesNoToken() throws SQLException {
        assertThat(metaData.getURL()).doesNotContain("authToken").doesNotContain("password");
        assertThat(metaData.toString()).doesNotContain("authToken");
    }

    private interface Call {
        ResultSet run() throws SQLException;
    }

    private void assertOneRequest(Call call) throws SQLException {
        server.counters().reset();
        try (ResultSet resultSet = call.run()) {
            while (resultSet.next()) {
                resultSet.getString(1);
            }
        }
        assertThat(server.counters().httpRequests()).isEqualTo(1);
        assertThat(server.counters().openStreams()).isZero();
    }
}
