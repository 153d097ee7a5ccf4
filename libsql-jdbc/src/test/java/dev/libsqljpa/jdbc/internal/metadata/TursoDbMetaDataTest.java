package dev.libsqljpa.jdbc.internal.metadata;

import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MetaDataConformanceTest} through the libSQL driver on tursodb 0.7.0: the same rows as
 * on SQLite, with tursodb's pragma quirks compensated ({@link MetadataSql}).
 */
@ExtendWith(TursoDbExtension.class)
class TursoDbMetaDataTest extends MetaDataConformanceTest {
    private static TursoDbServer server;

    @BeforeAll
    static void server(TursoDbServer tursodb) {
        server = tursodb;
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

    /** tursodb builds {@code PRAGMA table_info("<name>")} without escaping the quote. */
    @Override
    protected boolean pragmaArgumentsMayContainQuotes() {
        return false;
    }

    /** tursodb 0.7.0 needs {@code --experimental-generated-columns}. */
    @Override
    protected boolean supportsGeneratedColumns() {
        return false;
    }
}
