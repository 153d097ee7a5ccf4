package dev.libsqljpa.hibernate.tenant;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Hands the session factory's mapping to a {@link LibsqlMultiTenantConnectionProvider}, so that it can run
 * the schema tool for each tenant on first use. Found through {@code META-INF/services}; does nothing for
 * session factories with another (or no) multi-tenant connection provider. The
 * {@code integrate(Metadata, BootstrapContext, SessionFactoryImplementor)} signature is the same on
 * Hibernate 6.6 and 7.x.
 */
public final class TenantSchemaIntegrator implements Integrator {

    @Override
    public void integrate(
            Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        MultiTenantConnectionProvider<?> provider =
                sessionFactory.getServiceRegistry().getService(MultiTenantConnectionProvider.class);
        if (provider instanceof LibsqlMultiTenantConnectionProvider libsql) {
            libsql.bind(metadata, sessionFactory);
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // The provider is stopped with the service registry.
    }
}
