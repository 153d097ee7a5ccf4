package dev.libsqljpa.hibernate.tenant;

import dev.libsqljpa.hibernate.schema.RedactedUrl;
import dev.libsqljpa.hibernate.schema.SchemaReport;
import dev.libsqljpa.hibernate.schema.SettingDurations;
import jakarta.transaction.Transaction;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.hibernate.HibernateException;
import org.hibernate.boot.Metadata;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.jndi.spi.JndiService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.hibernate.service.spi.Configurable;
import org.hibernate.service.spi.ServiceRegistryAwareService;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.service.spi.Stoppable;
import org.jboss.logging.Logger;

/**
 * One libSQL database per tenant, for Hibernate 6.6 and 7.x. Select it with
 * {@code hibernate.multi_tenant_connection_provider=dev.libsqljpa.hibernate.tenant.LibsqlMultiTenantConnectionProvider}
 * and configure one of two modes ({@link TenantSettings}):
 * <ul>
 *   <li><b>URL template</b> ({@value TenantSettings#URL_TEMPLATE}, Java SE / RESOURCE_LOCAL): each tenant's
 *       JDBC URL is the template with {@code {tenant}} replaced; connections come from one libSQL driver
 *       instance owned by this provider, so all tenants share one HTTP client. The token comes from a
 *       {@link TenantTokenResolver}, the settings (per tenant, per group, for all) or the environment.</li>
 *   <li><b>JNDI template</b> ({@value TenantSettings#JNDI_TEMPLATE}, JTA in an application server): each
 *       tenant's data source is looked up under the template name.</li>
 * </ul>
 * Tenant ids are checked against {@link TenantIds#RULE} before anything is built from them; an invalid id
 * fails with SQLState {@code 08001} and no request. Per-tenant settings and data sources are created on
 * first use and kept in a bounded cache ({@value TenantSettings#MAX_CACHED}, {@value TenantSettings#IDLE_TIMEOUT}).
 * With {@value TenantSettings#SCHEMA_ACTION} set, the libSQL schema tool runs for a tenant on its first
 * use, once per process (concurrent first uses wait for the one run; a failed run is retried on the next use).
 * Connections are not pooled in URL mode: an idle libSQL connection holds nothing on the server, and
 * opening one sends no request once the tenant's server was detected. Thread-safe; tokens never appear in
 * messages or {@code toString}.
 */
public class LibsqlMultiTenantConnectionProvider
        implements MultiTenantConnectionProvider<String>, Configurable, ServiceRegistryAwareService, Stoppable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(LibsqlMultiTenantConnectionProvider.class);
    static final String DRIVER_CLASS = "dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver";

    private final transient Function<String, String> environment;
    private final transient LongSupplier nanoTime;
    private final transient FirstUse firstUse = new FirstUse();

    private transient String urlTemplate;
    private transient String jndiTemplate;
    private transient Map<String, Object> settings;
    private transient TenantTokenResolver tokenResolver;
    private transient Properties driverProperties;
    private transient TenantSchemaRunner.Action schemaAction = TenantSchemaRunner.Action.NONE;
    private transient String defaultTenant;
    private transient TenantCache<Target> targets;
    private transient Driver driver;
    private transient JndiService jndi;
    private transient volatile TenantSchemaRunner schemaRunner;

    /** For Hibernate (class name in the setting); reads the environment of the process. */
    public LibsqlMultiTenantConnectionProvider() {
        this(System::getenv, System::nanoTime);
    }

    /** For tests: a fake environment and clock. */
    LibsqlMultiTenantConnectionProvider(Function<String, String> environment, LongSupplier nanoTime) {
        this.environment = environment;
        this.nanoTime = nanoTime;
    }

    /** Where a tenant's connections come from. */
    private interface Target {
        Connection open() throws SQLException;

        /** Shown in messages: a URL without query or credentials, or a JNDI name. */
        String describe();
    }

    @Override
    public void injectServices(ServiceRegistryImplementor serviceRegistry) {
        this.jndi = serviceRegistry.getService(JndiService.class);
    }

    @Override
    public void configure(Map<String, Object> configuration) {
        this.settings = configuration;
        Object url = configuration.get(TenantSettings.URL_TEMPLATE);
        Object jndiName = configuration.get(TenantSettings.JNDI_TEMPLATE);
        if ((url == null) == (jndiName == null)) {
            throw new HibernateException("LibsqlMultiTenantConnectionProvider needs exactly one of the settings "
                    + TenantSettings.URL_TEMPLATE + " and " + TenantSettings.JNDI_TEMPLATE);
        }
        String template = String.valueOf(url != null ? url : jndiName).trim();
        if (!template.contains(TenantSettings.PLACEHOLDER)) {
            throw new HibernateException(
                    "Setting " + (url != null ? TenantSettings.URL_TEMPLATE : TenantSettings.JNDI_TEMPLATE)
                            + " must contain " + TenantSettings.PLACEHOLDER + ", was [" + redact(template) + "]");
        }
        if (url != null) {
            urlTemplate = template;
            driverProperties = new Properties();
            for (Map.Entry<String, Object> e : configuration.entrySet()) {
                if (e.getKey().startsWith(TenantSettings.JDBC_PREFIX) && e.getValue() != null) {
                    driverProperties.setProperty(
                            e.getKey().substring(TenantSettings.JDBC_PREFIX.length()), String.valueOf(e.getValue()));
                }
            }
            tokenResolver = resolver(configuration.get(TenantSettings.TOKEN_RESOLVER));
            driver = loadDriver();
        } else {
            jndiTemplate = template;
        }
        schemaAction = TenantSchemaRunner.Action.parse(configuration.get(TenantSettings.SCHEMA_ACTION));
        Object fallback = configuration.get(TenantSettings.DEFAULT_TENANT);
        defaultTenant = fallback == null
                ? null
                : TenantIds.requireValid(String.valueOf(fallback).trim());
        int max = Integer.parseInt(String.valueOf(configuration.getOrDefault(TenantSettings.MAX_CACHED, "1000"))
                .trim());
        Duration idle = duration(configuration.getOrDefault(TenantSettings.IDLE_TIMEOUT, "10m"));
        targets = new TenantCache<>(max, idle.toNanos(), nanoTime);
    }

    /** Called by {@link TenantSchemaIntegrator} once the session factory exists: the mapping for schema runs. */
    void bind(Metadata metadata, SessionFactoryImplementor sessionFactory) {
        this.schemaRunner = new TenantSchemaRunner(metadata, sessionFactory);
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        if (defaultTenant == null) {
            throw new SQLException(
                    "libSQL multi-tenancy: Hibernate asked for a connection without a tenant (boot-time"
                            + " metadata or a schema action at boot). There is no such database: set hibernate.dialect and"
                            + " hibernate.boot.allow_jdbc_metadata_access=false, leave hibernate.hbm2ddl.auto unset and use "
                            + TenantSettings.SCHEMA_ACTION + ", or name a tenant in " + TenantSettings.DEFAULT_TENANT,
                    "08001");
        }
        // Boot-time metadata: no schema run here (the session factory does not exist yet).
        return open(defaultTenant, target(defaultTenant));
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    /**
     * A connection to the tenant's database; on the tenant's first use in this process, after its schema
     * action ran.
     *
     * @throws SQLException {@code 08001} for an invalid tenant id (nothing sent) or an unreachable database;
     *     the schema tool's failure (the statement and the server's message) on first use
     */
    @Override
    public Connection getConnection(String tenantIdentifier) throws SQLException {
        String tenant = valid(tenantIdentifier);
        Target target = target(tenant);
        if (schemaAction != TenantSchemaRunner.Action.NONE) {
            ensureSchema(tenant, target);
        }
        return open(tenant, target);
    }

    @Override
    public void releaseConnection(String tenantIdentifier, Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
        return unwrapType.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> unwrapType) {
        if (unwrapType.isInstance(this)) {
            return unwrapType.cast(this);
        }
        throw new UnknownUnwrapTypeException(unwrapType);
    }

    /** Releases the shared driver (URL mode) and forgets the cached tenants. */
    @Override
    public void stop() {
        if (targets != null) {
            targets.clear();
        }
        if (driver instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warnf(e, "closing the libSQL driver of the tenant provider failed");
            }
        }
    }

    /**
     * Runs a schema action for one tenant now, regardless of first use (used by {@link FleetMigration}).
     * On success the tenant counts as prepared for this process.
     *
     * @throws SQLException for an invalid tenant id or an unreachable database
     * @throws RuntimeException the schema tool's failure
     */
    public SchemaReport runSchemaAction(String tenantIdentifier, String action) throws SQLException {
        String tenant = valid(tenantIdentifier);
        SchemaReport report = runSchema(tenant, target(tenant), TenantSchemaRunner.Action.parse(action));
        firstUse.markDone(tenant);
        return report;
    }

    /** Schema runs started on first use so far, in this process (for monitoring and tests). */
    public long schemaRunsStarted() {
        return firstUse.started();
    }

    /** How many tenants are cached now (at most {@value TenantSettings#MAX_CACHED}). */
    public int cachedTenants() {
        return targets == null ? 0 : targets.size();
    }

    /** How many tenants were dropped from the cache (least recently used or idle). */
    public long evictedTenants() {
        return targets == null ? 0 : targets.evictions();
    }

    /** The driver shared by all tenants in URL mode (null in JNDI mode). */
    Driver sharedDriver() {
        return driver;
    }

    private static String valid(String tenantIdentifier) throws SQLException {
        try {
            return TenantIds.requireValid(tenantIdentifier);
        } catch (IllegalArgumentException e) {
            throw new SQLException("libSQL multi-tenancy: " + e.getMessage(), "08001", e);
        }
    }

    private Target target(String tenant) throws SQLException {
        if (targets == null) {
            throw new SQLException("LibsqlMultiTenantConnectionProvider is not configured", "08001");
        }
        try {
            return targets.get(tenant, urlTemplate != null ? this::urlTarget : this::jndiTarget);
        } catch (TargetException e) {
            throw e.sqlException;
        }
    }

    private Connection open(String tenant, Target target) throws SQLException {
        try {
            return target.open();
        } catch (SQLException e) {
            throw new SQLException(
                    "libSQL tenant '" + tenant + "': cannot connect to " + target.describe() + ": " + e.getMessage(),
                    e.getSQLState() == null ? "08001" : e.getSQLState(),
                    e);
        }
    }

    private void ensureSchema(String tenant, Target target) throws SQLException {
        try {
            firstUse.ensure(tenant, t -> runSchema(t, target, schemaAction));
        } catch (SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SQLException(
                    "libSQL tenant '" + tenant + "': schema "
                            + schemaAction.name().toLowerCase(Locale.ROOT)
                            + " on first use failed (retried on the next use): " + e.getMessage(),
                    "HY000",
                    e);
        } catch (Exception e) {
            throw new SQLException("libSQL tenant '" + tenant + "': " + e.getMessage(), "HY000", e);
        }
    }

    private SchemaReport runSchema(String tenant, Target target, TenantSchemaRunner.Action action) throws SQLException {
        TenantSchemaRunner runner = schemaRunner;
        if (runner == null) {
            throw new SQLException(
                    "libSQL tenant '" + tenant + "': no session factory is bound to the tenant provider"
                            + " (is libsql-hibernate's TenantSchemaIntegrator on the class path?)",
                    "HY000");
        }
        Transaction suspended = runner.suspendTransaction();
        try (Connection connection = open(tenant, target)) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return runner.run(action, connection, target.describe());
        } finally {
            runner.resume(suspended);
        }
    }

    private Target urlTarget(String tenant) {
        String url = urlTemplate.replace(TenantSettings.PLACEHOLDER, tenant);
        Properties info = new Properties();
        info.putAll(driverProperties);
        String token = token(tenant);
        if (token != null) {
            info.setProperty("authToken", token);
        }
        Driver d = driver;
        String shown = redact(url);
        return new Target() {
            @Override
            public Connection open() throws SQLException {
                Connection c = d == null ? DriverManager.getConnection(url, info) : d.connect(url, info);
                if (c == null) {
                    throw new SQLException("the libSQL driver does not accept the URL " + shown, "08001");
                }
                return c;
            }

            @Override
            public String describe() {
                return shown;
            }
        };
    }

    private Target jndiTarget(String tenant) {
        String name = jndiTemplate.replace(TenantSettings.PLACEHOLDER, tenant);
        Object found;
        try {
            if (jndi == null) {
                throw new IllegalStateException("no JNDI service");
            }
            found = jndi.locate(name);
        } catch (RuntimeException e) {
            throw new TargetException(new SQLException(
                    "libSQL tenant '" + tenant + "': data source " + name + " not found in JNDI: " + e.getMessage(),
                    "08001",
                    e));
        }
        if (!(found instanceof DataSource dataSource)) {
            throw new TargetException(new SQLException(
                    "libSQL tenant '" + tenant + "': JNDI name " + name + " is "
                            + (found == null
                                    ? "not bound"
                                    : "a " + found.getClass().getName() + ", not a DataSource"),
                    "08001"));
        }
        return new Target() {
            @Override
            public Connection open() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    /** Carries a lookup failure out of the cache's create function. */
    private static final class TargetException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SQLException sqlException;

        TargetException(SQLException e) {
            super(e.getMessage(), e, false, false);
            this.sqlException = e;
        }
    }

    /** Resolver, then settings (tenant, group, all), then environment (tenant, group, all). */
    String token(String tenant) {
        if (tokenResolver != null) {
            String t = tokenResolver.authToken(tenant);
            if (t != null) {
                return t;
            }
        }
        Object group = settings.get(TenantSettings.GROUP_PREFIX + tenant);
        String groupName = group == null ? null : String.valueOf(group).trim();
        String t = setting(TenantSettings.TOKEN_PREFIX + tenant);
        if (t == null && groupName != null) {
            t = setting(TenantSettings.GROUP_TOKEN_PREFIX + groupName);
        }
        if (t == null) {
            t = setting(TenantSettings.AUTH_TOKEN);
        }
        if (t == null) {
            t = environment.apply(TenantSettings.ENV_TENANT_TOKEN_PREFIX + envName(tenant));
        }
        if (t == null && groupName != null) {
            t = environment.apply(TenantSettings.ENV_GROUP_TOKEN_PREFIX + envName(groupName));
        }
        if (t == null) {
            t = environment.apply(TenantSettings.ENV_AUTH_TOKEN);
        }
        return t == null || t.isEmpty() ? null : t;
    }

    private String setting(String key) {
        Object v = settings.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static TenantTokenResolver resolver(Object setting) {
        if (setting == null) {
            return null;
        }
        if (setting instanceof TenantTokenResolver resolver) {
            return resolver;
        }
        String className = String.valueOf(setting).trim();
        try {
            Class<?> type = Class.forName(className, true, classLoader());
            return (TenantTokenResolver) type.getConstructor().newInstance();
        } catch (ClassNotFoundException
                | NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException
                | ClassCastException e) {
            throw new HibernateException(
                    "Setting " + TenantSettings.TOKEN_RESOLVER + ": cannot create a "
                            + TenantTokenResolver.class.getSimpleName() + " from [" + className + "]: " + e,
                    e);
        }
    }

    /** One driver instance for all tenants (one HTTP client); DriverManager's if the class is not visible. */
    private Driver loadDriver() {
        try {
            Class<?> type = Class.forName(DRIVER_CLASS, true, classLoader());
            return (Driver) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debugf("%s not visible (%s): tenant connections go through DriverManager", DRIVER_CLASS, e);
            return null;
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : LibsqlMultiTenantConnectionProvider.class.getClassLoader();
    }

    static Duration duration(Object value) {
        return SettingDurations.parse(value)
                .orElseThrow(() -> new HibernateException("Setting " + TenantSettings.IDLE_TIMEOUT + " must be "
                        + SettingDurations.ACCEPTED + "; got [" + value + "]"));
    }

    /** A URL as shown in messages: see {@link RedactedUrl}. */
    static String redact(String url) {
        return RedactedUrl.of(url);
    }

    @Override
    public String toString() {
        return "LibsqlMultiTenantConnectionProvider["
                + (urlTemplate != null ? "url=" + redact(urlTemplate) : "jndi=" + jndiTemplate) + ", schema="
                + schemaAction.name().toLowerCase(Locale.ROOT) + ", cached="
                + cachedTenants() + "]";
    }
}
