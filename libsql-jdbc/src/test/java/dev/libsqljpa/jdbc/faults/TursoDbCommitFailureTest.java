package dev.libsqljpa.jdbc.faults;

import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commit-failure cells on tursodb (minimal server: no streams, one engine connection shared
 * by all clients, so the driver must deliver every ROLLBACK it owes).
 */
@ExtendWith(TursoDbExtension.class)
class TursoDbCommitFailureTest extends CommitFailureScenarios {
    @BeforeEach
    void server(TursoDbServer tursodb) throws Exception {
        start(URI.create(tursodb.url()));
    }

    @Override
    protected List<String> rowsAfterAbandonedTransaction() throws SQLException {
        // The connection was closed without reaching tursodb: its transaction is still open on the
        // shared engine connection. End it the way an operator would, then read.
        try (Connection c = direct();
                Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        }
        return rows();
    }
}
