package dev.libsqljpa.hibernate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.jdbc.LibsqlConnection;
import org.junit.jupiter.api.Test;

/**
 * {@link LibsqlBatchDeferralIntegrator} reaches the driver's public API by name (the driver may live in
 * another class loader, e.g. a WildFly module). A rename or a changed method on the driver side would turn
 * batch deferral off silently; this test makes it a build failure instead.
 */
class DriverApiLinkTest {

    @Test
    void integratorFindsTheDriversBatchDeferralApi() throws Exception {
        LibsqlBatchDeferralIntegrator.DriverApi api = LibsqlBatchDeferralIntegrator.DriverApi.find();
        assertThat(api)
                .describedAs("driver API found by the name " + LibsqlBatchDeferralIntegrator.DRIVER_API)
                .isNotNull();
        assertThat(api.type).isEqualTo(LibsqlConnection.class);
        assertThat(api.begin).isEqualTo(LibsqlConnection.class.getMethod("beginBatchDeferral"));
        assertThat(api.end).isEqualTo(LibsqlConnection.class.getMethod("endBatchDeferral"));
    }
}
