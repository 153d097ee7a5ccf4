package dev.libsqljpa.jdbc.conformance;

import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite on tursodb 0.7.0 ({@code --sync-server}), a minimal Hrana server. */
@ExtendWith(TursoDbExtension.class)
class TursoDbConformanceTest extends JdbcConformanceSuite {
    private String url;

    @BeforeEach
    void server(TursoDbServer tursodb) {
        url = "jdbc:libsql:" + tursodb.url();
    }

    @Override
    protected String jdbcUrl() {
        return url;
    }

    @Override
    protected boolean fullServer() {
        return false;
    }
}
