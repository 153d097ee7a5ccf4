package dev.libsqljpa.hibernate.tenant;

/**
 * Settings of {@link LibsqlMultiTenantConnectionProvider}, given like any Hibernate setting
 * ({@code persistence.xml} properties or the map passed to {@code createEntityManagerFactory}).
 * Exactly one of {@link #URL_TEMPLATE} and {@link #JNDI_TEMPLATE} is required.
 */
public final class TenantSettings {

    /** Placeholder replaced by the (validated) tenant id in the templates: {@value}. */
    public static final String PLACEHOLDER = "{tenant}";

    /**
     * JDBC URL of a tenant's database, e.g. {@code jdbc:libsql://{tenant}-myorg.turso.io} or
     * {@code jdbc:libsql:http://127.0.0.1:8080/dev/{tenant}}. Connections come from one libSQL driver
     * instance owned by the provider (one HTTP client for all tenants).
     */
    public static final String URL_TEMPLATE = "libsql.tenant.url_template";

    /** JNDI name of a tenant's data source, e.g. {@code java:jboss/datasources/libsql-{tenant}}. */
    public static final String JNDI_TEMPLATE = "libsql.tenant.jndi_template";

    /** URL mode: the auth token of every tenant (lowest-priority setting). */
    public static final String AUTH_TOKEN = "libsql.tenant.auth_token";

    /** URL mode: prefix of a tenant's own token, {@code libsql.tenant.token.<tenant>}. */
    public static final String TOKEN_PREFIX = "libsql.tenant.token.";

    /** URL mode: prefix of a tenant's group, {@code libsql.tenant.group.<tenant>=<group>}. */
    public static final String GROUP_PREFIX = "libsql.tenant.group.";

    /** URL mode: prefix of a group's token, {@code libsql.tenant.group_token.<group>}. */
    public static final String GROUP_TOKEN_PREFIX = "libsql.tenant.group_token.";

    /**
     * URL mode: a {@link TenantTokenResolver} class name (or instance), asked first; when it returns
     * null, the token settings and then the environment are used.
     */
    public static final String TOKEN_RESOLVER = "libsql.tenant.token_resolver";

    /**
     * URL mode: prefix of further driver properties given to every tenant connection, e.g.
     * {@code libsql.tenant.jdbc.requestTimeout=30}.
     */
    public static final String JDBC_PREFIX = "libsql.tenant.jdbc.";

    /** Environment variable prefix of a tenant's token: {@code LIBSQL_TENANT_TOKEN_<TENANT>} ({@code -} → {@code _}). */
    public static final String ENV_TENANT_TOKEN_PREFIX = "LIBSQL_TENANT_TOKEN_";

    /** Environment variable prefix of a group's token: {@code LIBSQL_GROUP_TOKEN_<GROUP>}. */
    public static final String ENV_GROUP_TOKEN_PREFIX = "LIBSQL_GROUP_TOKEN_";

    /** Environment variable with the token of every tenant: {@value}. */
    public static final String ENV_AUTH_TOKEN = "LIBSQL_AUTH_TOKEN";

    /**
     * Schema action run by the libSQL schema tool on a tenant's first use, once per process:
     * {@code none} (default), {@code create}, {@code update} or {@code validate}.
     */
    public static final String SCHEMA_ACTION = "libsql.tenant.schema_action";

    /** How many tenants' connection settings / data sources are kept; least recently used go first. Default 1000. */
    public static final String MAX_CACHED = "libsql.tenant.max_cached";

    /** Tenants unused for this long are dropped from the cache: ms, or a number with ms, s, m, h. Default 10m. */
    public static final String IDLE_TIMEOUT = "libsql.tenant.idle_timeout";

    /**
     * The tenant whose database answers Hibernate's requests for "any connection" (boot-time metadata,
     * schema actions at boot). Without it those requests fail with a message naming this setting.
     */
    public static final String DEFAULT_TENANT = "libsql.tenant.default_tenant";

    private TenantSettings() {}
}
