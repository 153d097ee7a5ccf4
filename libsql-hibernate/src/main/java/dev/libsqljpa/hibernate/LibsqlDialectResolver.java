package dev.libsqljpa.hibernate;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;

/**
 * Selects {@link LibsqlDialect} when the JDBC driver reports the product name {@code libSQL}.
 * Registered through {@code META-INF/services}, so Hibernate consults it before its own resolvers.
 */
public final class LibsqlDialectResolver implements DialectResolver {

    /** The product name the libSQL JDBC driver reports in {@code DatabaseMetaData}. */
    public static final String PRODUCT_NAME = "libSQL";

    @Override
    public Dialect resolveDialect(DialectResolutionInfo info) {
        return PRODUCT_NAME.equals(info.getDatabaseName()) ? new LibsqlDialect(info) : null;
    }
}
