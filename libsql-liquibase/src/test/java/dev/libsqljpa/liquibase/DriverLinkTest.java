package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.jdbc.LibsqlDriver;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import org.junit.jupiter.api.Test;

/**
 * This module names the driver by strings only (the driver is not a compile dependency): the product
 * name it recognises and the driver class it names for Liquibase. A rename on the driver side fails here.
 */
class DriverLinkTest {

    @Test
    void productNameIsTheOneTheDriverReports() {
        assertThat(LibsqlDatabase.PRODUCT_NAME).isEqualTo(NonRegisteringLibsqlDriver.PRODUCT_NAME);
    }

    @Test
    void driverClassIsTheDriversRegisteringDriver() {
        assertThat(LibsqlDatabase.DRIVER_CLASS).isEqualTo(LibsqlDriver.class.getName());
    }
}
