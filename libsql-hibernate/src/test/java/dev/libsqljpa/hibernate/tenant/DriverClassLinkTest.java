package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import org.junit.jupiter.api.Test;

/**
 * The tenant provider loads the driver by class name (the driver may live in another class loader) and
 * falls back to {@code DriverManager} when the name does not resolve, so a rename on the driver side
 * would go unnoticed at run time; this test makes it a build failure instead.
 */
class DriverClassLinkTest {

    @Test
    void providerNamesTheDriversNonRegisteringDriverClass() {
        assertThat(LibsqlMultiTenantConnectionProvider.DRIVER_CLASS)
                .isEqualTo(NonRegisteringLibsqlDriver.class.getName());
    }
}
