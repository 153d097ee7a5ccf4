package dev.libsqljpa.hibernate;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.net.URI;

/** {@link StreamingContract} on the testkit server: the rows come through the cursor endpoint. */
class TestkitStreamingTest extends StreamingContract {

    private LibsqlTestServer server;

    @Override
    protected URI startServer() {
        server = LibsqlTestServer.builder().port(0).start();
        return server.uri();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected String series(long n) {
        return "WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g WHERE value < " + n + ")"
                + " SELECT value, value * 2, 'row ' || value, value * 0.5, x'00ff' FROM g";
    }

    @Override
    protected boolean closingAborts() {
        return false;
    }
}
