package dev.libsqljpa.hibernate.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.service.spi.ServiceContributor;
import org.jboss.logging.Logger;

/**
 * Makes {@code @GeneratedValue} (AUTO, the tutorial default, and SEQUENCE) reserve each id in the
 * transaction that uses it, for a persistence unit that names libSQL in its settings: it sets
 * {@value #PREFERRED_OPTIMIZER}{@code =none} unless the application set it. Hibernate's default
 * optimizer (pooled, 50 ids per reservation) would either reserve on a second connection, which
 * cannot write while the current transaction holds SQLite's single write lock, or keep a range whose
 * reservation a rollback undoes ({@link LibsqlSequenceSupport}).
 *
 * <p>Hibernate calls every {@link ServiceContributor} on the class path for every persistence unit, so
 * this one acts only when a setting shows the unit is on libSQL: a {@code jdbc:libsql:} URL, the libSQL
 * dialect, or the libSQL tenant provider's URL or JNDI template. A unit that reaches libSQL only through a data source gets no
 * default; {@link LibsqlIdGeneratorCheck} then fails its boot naming the setting, if it has such ids.
 */
public final class LibsqlIdGeneratorDefaults implements ServiceContributor {
    private static final Logger LOG = Logger.getLogger(LibsqlIdGeneratorDefaults.class);

    /** Hibernate's setting for the optimizer of generators with an allocation size above 1. */
    public static final String PREFERRED_OPTIMIZER = "hibernate.id.optimizer.pooled.preferred";

    // The libSQL tenant provider's settings (dev.libsqljpa.hibernate.tenant.TenantSettings).
    private static final String TENANT_URL_TEMPLATE = "libsql.tenant.url_template";
    private static final String TENANT_JNDI_TEMPLATE = "libsql.tenant.jndi_template";

    private static final List<String> URL_SETTINGS =
            List.of("jakarta.persistence.jdbc.url", "javax.persistence.jdbc.url", "hibernate.connection.url");

    @Override
    public void contribute(StandardServiceRegistryBuilder builder) {
        Map<String, Object> settings = builder.getSettings();
        if (settings.containsKey(PREFERRED_OPTIMIZER) || !namesLibsql(settings)) {
            return;
        }
        builder.applySetting(PREFERRED_OPTIMIZER, "none");
        LOG.debugf(
                "libSQL: %s=none, so sequence ids are reserved in the transaction that uses them", PREFERRED_OPTIMIZER);
    }

    /** Whether the settings show that the unit is on libSQL. */
    static boolean namesLibsql(Map<String, Object> settings) {
        for (String key : URL_SETTINGS) {
            if (settings.get(key) instanceof String url
                    && url.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:libsql:")) {
                return true;
            }
        }
        Object dialect = settings.get("hibernate.dialect");
        if (dialect != null && String.valueOf(dialect).contains("dev.libsqljpa.hibernate.LibsqlDialect")) {
            return true;
        }
        return settings.containsKey(TENANT_URL_TEMPLATE) || settings.containsKey(TENANT_JNDI_TEMPLATE);
    }
}
