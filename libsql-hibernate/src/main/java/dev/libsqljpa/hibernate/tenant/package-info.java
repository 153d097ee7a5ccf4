/**
 * One libSQL database per tenant: {@link dev.libsqljpa.hibernate.tenant.LibsqlMultiTenantConnectionProvider}
 * (URL or JNDI template, tenant ids checked as DNS labels, schema on first use) and
 * {@link dev.libsqljpa.hibernate.tenant.FleetMigration} (a schema action over many tenant databases).
 * See docs/multi-tenancy.md.
 */
package dev.libsqljpa.hibernate.tenant;
