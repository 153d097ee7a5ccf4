package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.LibsqlTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DatabaseMetaDataDialectResolutionInfoAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver picks {@link LibsqlDialect} from what a real connection's metadata says, and nothing else. */
class LibsqlDialectResolverTest {

    private static LibsqlTestServer server;

    @BeforeAll
    static void startServer() {
        server = LibsqlTestServer.builder().port(0).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void libsqlDriverMetadataResolvesToLibsqlDialect() throws Exception {
        try (Connection connection =
                new NonRegisteringLibsqlDriver().connect("jdbc:libsql:" + server.url(), new Properties())) {
            Dialect dialect = new LibsqlDialectResolver()
                    .resolveDialect(new DatabaseMetaDataDialectResolutionInfoAdapter(connection.getMetaData()));
            assertThat(dialect).describedAs("dialect for the libSQL driver").isInstanceOf(LibsqlDialect.class);
            assertThat(dialect.getVersion().getMajor())
                    .describedAs("SQLite engine major version")
                    .isEqualTo(3);
        }
    }

    @Test
    void plainSqliteIsLeftToHibernatesOwnResolver() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThat(new LibsqlDialectResolver()
                            .resolveDialect(new DatabaseMetaDataDialectResolutionInfoAdapter(connection.getMetaData())))
                    .describedAs("dialect for sqlite-jdbc (product name SQLite)")
                    .isNull();
        }
    }

    @Test
    void resolverMatchesTheProductNameTheDriverReports() {
        assertThat(LibsqlDialectResolver.PRODUCT_NAME).isEqualTo(NonRegisteringLibsqlDriver.PRODUCT_NAME);
    }
}
