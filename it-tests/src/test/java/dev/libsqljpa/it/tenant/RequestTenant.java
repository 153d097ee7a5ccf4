package dev.libsqljpa.it.tenant;

import java.util.function.Supplier;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * The tenant of the current request, as an application sets it: the REST resource puts the tenant from
 * the URL here for the duration of the call; Hibernate asks this resolver when a session opens.
 * Without a tenant the request works on the default tenant named in persistence.xml.
 */
public class RequestTenant implements CurrentTenantIdentifierResolver<String> {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    static final String DEFAULT = "acme";

    /** Runs {@code work} with {@code tenant} as the current tenant. */
    static <T> T as(String tenant, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @Override
    public String resolveCurrentTenantIdentifier() {
        String tenant = CURRENT.get();
        return tenant == null ? DEFAULT : tenant;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
