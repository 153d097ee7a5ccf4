package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;
import org.junit.jupiter.api.Test;

class LibsqlDialectResolverTest {

    @Test
    void productNameLibsqlSelectsLibsqlDialectWithTheEngineVersion() {
        Dialect dialect = new LibsqlDialectResolver().resolveDialect(info("libSQL", 3, 50));

        assertThat(dialect).isInstanceOf(LibsqlDialect.class);
        assertThat(dialect.getVersion().getMajor()).isEqualTo(3);
        assertThat(dialect.getVersion().getMinor()).isEqualTo(50);
    }

    @Test
    void otherProductsAreLeftToOtherResolvers() {
        assertThat(new LibsqlDialectResolver().resolveDialect(info("SQLite", 3, 50))).isNull();
        assertThat(new LibsqlDialectResolver().resolveDialect(info("PostgreSQL", 16, 0))).isNull();
    }

    @Test
    void resolverIsRegisteredAsAService() {
        assertThat(ServiceLoader.load(DialectResolver.class).stream().map(ServiceLoader.Provider::type))
                .contains(LibsqlDialectResolver.class);
    }

    static DialectResolutionInfo info(String productName, int major, int minor) {
        return new DialectResolutionInfo() {
            @Override
            public String getDatabaseName() {
                return productName;
            }

            @Override
            public String getDatabaseVersion() {
                return major + "." + minor + ".0";
            }

            @Override
            public String getDriverName() {
                return "test";
            }

            @Override
            public int getDriverMajorVersion() {
                return 0;
            }

            @Override
            public int getDriverMinorVersion() {
                return 1;
            }

            @Override
            public String getSQLKeywords() {
                return "";
            }

            @Override
            public int getDatabaseMajorVersion() {
                return major;
            }

            @Override
            public int getDatabaseMinorVersion() {
                return minor;
            }
        };
    }
}
