package dev.libsqljpa.hibernate.tenant;

/**
 * Supplies the auth token of a tenant's database (for example from a secret store). Named by class in
 * the setting {@value TenantSettings#TOKEN_RESOLVER}; the class needs a public no-argument constructor.
 * Called with an already validated tenant id, once per tenant while its connection settings are cached.
 * Implementations must be thread-safe and must not log the token.
 */
@FunctionalInterface
public interface TenantTokenResolver {

    /**
     * @param tenantId a valid tenant id ({@link TenantIds#RULE})
     * @return the token, or null to fall back to the token settings and the environment
     */
    String authToken(String tenantId);
}
