package dev.libsqljpa.hibernate;

import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.net.URI;

/** {@link StreamingContract} on tursodb: the rows are read from the pipeline answer's body as it arrives. */
class TursoDbStreamingTest extends StreamingContract {

    private TursoDbServer server;

    @Override
    protected URI startServer() {
        server = TursoDbServer.start();
        return URI.create(server.url());
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String series(long n) {
        return "SELECT value, value * 2, 'row ' || value, value * 0.5, x'00ff' FROM generate_series(1, " + n + ")";
    }

    @Override
    protected boolean closingAborts() {
        return true;
    }
}
