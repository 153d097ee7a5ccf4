package dev.libsqljpa.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.jdbc.LibsqlConnection;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import java.net.URI;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An autocommit {@code executeBatch} is sent as {@code BEGIN}, the statements, {@code COMMIT} and a
 * {@code ROLLBACK} for the case that the batch's own transaction could not commit. When the
 * {@code BEGIN} itself fails because another client holds a transaction, none of those later steps
 * may run: the statements and the COMMIT are gated on it, and the ROLLBACK must be too, or it ends
 * the other client's transaction (on tursodb, where all clients share one engine connection). The
 * other client is a second driver instance, as another application or DataSource would be; the
 * batch runs with {@code transactionMode=IMMEDIATE}, whose BEGIN fails while another connection
 * writes. Runs on the testkit and on tursodb.
 */
abstract class BatchBeginFailureScenarios {
    private final NonRegisteringLibsqlDriver holderDriver = new NonRegisteringLibsqlDriver();
    private final NonRegisteringLibsqlDriver batchDriver = new NonRegisteringLibsqlDriver();
    private URI server;

    /** Called by the subclass's {@code @BeforeEach} once its server runs. */
    protected void start(URI server) throws SQLException {
        this.server = server;
        try (Connection c = holderDriver.connect("jdbc:libsql:" + server, new Properties());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bb (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        }
    }

    @AfterEach
    void closeDrivers() {
        holderDriver.close();
        batchDriver.close();
    }

    /** Just before the batch is sent, while the other transaction is open. */
    protected void beforeBatch() {}

    /**
     * The server's side of the failed batch, checked while the other transaction is still open: which
     * steps of the batch's request ran.
     */
    protected abstract void assertOnlyTheBeginRan();

    /** The SQLState and error code the failed BEGIN gives on this server. */
    protected abstract void assertBeginRefused(SQLException failed);

    @Test
    void aBatchWhoseBeginFailsRunsNothingElseAndLeavesTheOtherTransactionAlone() throws SQLException {
        try (Connection holder = otherClientWithOpenTransaction();
                Connection batcher = immediateConnection();
                Statement batch = batcher.createStatement()) {
            batch.addBatch("INSERT INTO bb VALUES (2, 'batch')");
            batch.addBatch("INSERT INTO bb VALUES (3, 'batch')");
            beforeBatch();

            BatchUpdateException failed = catchThrowableOfType(BatchUpdateException.class, batch::executeBatch);

            assertThat((Object) failed)
                    .describedAs("executeBatch fails as a batch")
                    .isNotNull();
            assertThat(failed.getMessage())
                    .contains("BEGIN failed")
                    .contains("no statement of the batch ran")
                    .contains("nothing was applied");
            assertThat(failed.getUpdateCounts()).isEmpty();
            assertBeginRefused(failed);
            assertOnlyTheBeginRan();
            assertOtherTransactionCommitsAlone(holder);

            assertThat(batcher.isValid(5)).isTrue();
            batch.addBatch("INSERT INTO bb VALUES (2, 'batch')");
            batch.addBatch("INSERT INTO bb VALUES (3, 'batch')");
            assertThat(batch.executeBatch()).describedAs("the batch again").containsExactly(1, 1);
            assertThat(ids()).containsExactly(1L, 2L, 3L);
        }
    }

    /**
     * Deferred rows (batch deferral) ride the commit, which then carries the transaction's BEGIN: when that
     * BEGIN fails, the rows and the COMMIT are skipped, and so is the ROLLBACK.
     */
    @Test
    void deferredRowsWhoseCommitCarriesAFailingBeginLeaveTheOtherTransactionAlone() throws SQLException {
        try (Connection holder = otherClientWithOpenTransaction();
                Connection batcher = immediateConnection();
                PreparedStatement insert = batcher.prepareStatement("INSERT INTO bb (id, name) VALUES (?, ?)")) {
            batcher.setAutoCommit(false);
            batcher.unwrap(LibsqlConnection.class).beginBatchDeferral();
            for (int id = 2; id <= 3; id++) {
                insert.setInt(1, id);
                insert.setString(2, "deferred");
                insert.addBatch();
            }
            assertThat(insert.executeBatch())
                    .describedAs("deferred, nothing sent")
                    .containsExactly(1, 1);
            beforeBatch();

            SQLException failed = catchThrowableOfType(SQLException.class, batcher::commit);

            assertThat((Object) failed).describedAs("the commit fails").isNotNull();
            assertThat(failed.getMessage())
                    .contains("BEGIN failed")
                    .contains("none of the queued rows ran and nothing was committed");
            assertBeginRefused(failed);
            assertOnlyTheBeginRan();
            assertOtherTransactionCommitsAlone(holder);

            batcher.rollback();
            assertThat(batcher.isValid(5)).isTrue();
            try (Statement s = batcher.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO bb VALUES (2, 'again')"))
                        .isEqualTo(1);
            }
            batcher.commit();
            assertThat(ids()).containsExactly(1L, 2L);
        }
    }

    /** Another client (another driver instance) in a transaction that wrote row 1. */
    private Connection otherClientWithOpenTransaction() throws SQLException {
        Connection holder = holderDriver.connect("jdbc:libsql:" + server, new Properties());
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO bb VALUES (1, 'other client')"))
                    .isEqualTo(1);
        }
        return holder;
    }

    /** A connection of this driver whose transactions begin with {@code BEGIN IMMEDIATE}. */
    private Connection immediateConnection() throws SQLException {
        Properties immediate = new Properties();
        immediate.setProperty("transactionMode", "IMMEDIATE");
        return batchDriver.connect("jdbc:libsql:" + server, immediate);
    }

    /** The other client's transaction is still open with its row only, and commits exactly that row. */
    private void assertOtherTransactionCommitsAlone(Connection holder) throws SQLException {
        try (Statement s = holder.createStatement();
                ResultSet rs = s.executeQuery("SELECT group_concat(id) FROM bb")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .describedAs("the other client's transaction is still open, with its row only")
                    .isEqualTo("1");
        }
        holder.commit();
        assertThat(ids()).describedAs("the other client's row, nothing of ours").containsExactly(1L);
    }

    private List<Long> ids() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = holderDriver.connect("jdbc:libsql:" + server, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM bb ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
