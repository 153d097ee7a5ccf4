package dev.libsqljpa.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.net.URI;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failed-BEGIN batch on tursodb: every client shares one engine connection, so the other client's
 * open transaction makes the batch's {@code BEGIN} fail ("cannot start a transaction within a
 * transaction"), and a {@code ROLLBACK} from the batch would roll that transaction back. That the
 * other client can still read its row and commit is the proof that the ROLLBACK did not run.
 */
class TursoDbBatchBeginFailureTest extends BatchBeginFailureScenarios {
    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    @BeforeEach
    void server(TursoDbServer server) throws Exception {
        start(URI.create(server.url()));
    }

    @Override
    protected void assertOnlyTheBeginRan() {
        // Checked by the scenario itself: the other client's transaction is still open afterwards.
    }

    @Override
    protected void assertBeginRefused(SQLException failed) {
        assertThat(failed.getMessage()).contains("transaction within a transaction");
    }
}
