package dev.libsqljpa.hibernate;

import dev.libsqljpa.testkit.tursodb.TursoDbServer;

/** {@link GeneratedIdContract} on {@code tursodb --sync-server}, a real server process. */
class TursoDbGeneratedIdTest extends GeneratedIdContract {

    private TursoDbServer server;

    @Override
    protected String startServer() {
        server = TursoDbServer.start();
        return "jdbc:libsql:" + server.url();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected boolean otherConnectionsSeeOnlyCommittedData() {
        return false;
    }
}
