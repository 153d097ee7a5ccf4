package dev.libsqljpa.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.hrana.http.HranaException.Reason;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import org.junit.jupiter.api.Test;

class TransportFailuresTest {

    private static HranaException lost(int status, String code) {
        return new HranaException(Reason.STREAM_LOST, "stream lost", status,
                new HranaError("Received an invalid baton", code), false, null, null);
    }

    private static HranaException rateLimited() {
        return new HranaException(Reason.RATE_LIMITED, "too many requests", 429, null, false, 1L, null);
    }

    @Test
    void invalidBatonOutsideATransactionIsTransientNot08() {
        SQLException e = TransportFailures.map("execute", lost(400, null), false);
        assertThat((Throwable) e).isInstanceOf(SQLTransientException.class).hasMessageContaining("still usable");
        assertThat(e.getSQLState()).isEqualTo("HY000");
        SQLException notFound = TransportFailures.map("execute", lost(404, "STREAM_NOT_FOUND"), false);
        assertThat(notFound.getSQLState()).isEqualTo("HY000");
    }

    @Test
    void invalidBatonInsideATransactionStaysAConnectionFailure() {
        assertThat(TransportFailures.map("execute", lost(400, null), true).getSQLState()).isEqualTo("08006");
    }

    @Test
    void processedStreamLossIsNeverHarmless() {
        HranaException maybe = new HranaException(Reason.STREAM_LOST, "lost", 404, null, true, null, null);
        assertThat(TransportFailures.isHarmlessStreamLoss(maybe, false)).isFalse();
        assertThat(TransportFailures.map("execute", maybe, false).getSQLState()).isEqualTo("08006");
    }

    @Test
    void rateLimitedInsideATransactionEndsIt() {
        SQLException e = TransportFailures.map("execute", rateLimited(), true);
        assertThat((Throwable) e).isInstanceOf(SQLTransactionRollbackException.class)
                .hasMessageContaining("retry the whole transaction");
        assertThat(e.getSQLState()).isEqualTo("40001");
    }

    @Test
    void rateLimitedOutsideATransactionIsTransient() {
        SQLException e = TransportFailures.map("execute", rateLimited(), false);
        assertThat((Throwable) e).isInstanceOf(SQLTransientException.class);
        assertThat(e.getSQLState()).isEqualTo("HY000");
    }
}
