package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.util.Map;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

/** The matrix on {@code tursodb --sync-server} (a minimal Hrana server) through the libSQL driver. */
class TursoDbJpaMatrixTest extends JpaMatrixContract {

    private TursoDbServer server;

    @Override
    protected Map<String, Object> startServer() throws Exception {
        server = TursoDbServer.start();
        return Map.of("jakarta.persistence.jdbc.url", "jdbc:libsql:" + server.url());
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void hibernatePicksLibsqlDialectFromTheProductName() {
        assertThat(emf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect())
                .isExactlyInstanceOf(LibsqlDialect.class);
    }
}
