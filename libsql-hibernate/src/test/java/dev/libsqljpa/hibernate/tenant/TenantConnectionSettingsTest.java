package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens, the bounded cache and the shared driver of the URL mode, on a provider used directly. */
class TenantConnectionSettingsTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod().configure(b -> b.authToken("secret"));

    private final Map<String, String> env = new HashMap<>();
    private final AtomicLong nanos = new AtomicLong();

    private LibsqlMultiTenantConnectionProvider provider(Map<String, Object> settings) {
        LibsqlMultiTenantConnectionProvider provider = new LibsqlMultiTenantConnectionProvider(env::get, nanos::get);
        Map<String, Object> all = new HashMap<>();
        all.put(TenantSettings.URL_TEMPLATE, "jdbc:libsql:" + libsql.server().url() + "/dev/{tenant}");
        all.putAll(settings);
        provider.configure(all);
        return provider;
    }

    public static final class VaultResolver implements TenantTokenResolver {
        @Override
        public String authToken(String tenantId) {
            return tenantId.equals("vaulted") ? "from-vault" : null;
        }
    }

    @Test
    void tokenComesFromResolverThenTenantGroupAllSettingsThenEnvironment() {
        env.put("LIBSQL_TENANT_TOKEN_ENV-TENANT", "wrong-name");
        env.put("LIBSQL_TENANT_TOKEN_ENV_TENANT", "env-tenant");
        env.put("LIBSQL_GROUP_TOKEN_EU_WEST", "env-group");
        env.put("LIBSQL_AUTH_TOKEN", "env-all");
        Map<String, Object> settings = new HashMap<>();
        settings.put(TenantSettings.TOKEN_RESOLVER, VaultResolver.class.getName());
        settings.put("libsql.tenant.token.acme", "acme-own");
        settings.put("libsql.tenant.token.vaulted", "vaulted-setting");
        settings.put("libsql.tenant.group.globex", "eu");
        settings.put("libsql.tenant.group_token.eu", "eu-group");
        settings.put("libsql.tenant.group.envgroup", "eu-west");
        LibsqlMultiTenantConnectionProvider withAll = provider(settings);
        assertThat(withAll.token("vaulted")).describedAs("resolver first").isEqualTo("from-vault");
        assertThat(withAll.token("acme")).describedAs("tenant setting").isEqualTo("acme-own");
        assertThat(withAll.token("globex")).describedAs("group setting").isEqualTo("eu-group");
        assertThat(withAll.token("env-tenant"))
                .describedAs("tenant environment variable")
                .isEqualTo("env-tenant");
        assertThat(withAll.token("envgroup"))
                .describedAs("group environment variable")
                .isEqualTo("env-group");
        assertThat(withAll.token("other"))
                .describedAs("environment, all tenants")
                .isEqualTo("env-all");

        settings.put(TenantSettings.AUTH_TOKEN, "all-setting");
        LibsqlMultiTenantConnectionProvider withAllSetting = provider(settings);
        assertThat(withAllSetting.token("other"))
                .describedAs("setting for all before environment")
                .isEqualTo("all-setting");
        assertThat(withAllSetting.token("env-tenant"))
                .describedAs("any setting before environment")
                .isEqualTo("all-setting");
        env.clear();
        assertThat(provider(Map.of()).token("other"))
                .describedAs("no token anywhere")
                .isNull();
    }

    @Test
    void aTenantWithAWrongTokenFailsWithoutShowingItWhileOthersConnect() throws Exception {
        LibsqlTestServer server = libsql.server();
        LibsqlMultiTenantConnectionProvider provider = provider(
                Map.of(TenantSettings.AUTH_TOKEN, "secret", "libsql.tenant.token.broken", "wrong-token-value"));
        try {
            assertThatThrownBy(() -> select1(provider, "broken"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("/dev/broken/")
                    .hasMessageContaining("HTTP 401")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"))
                    .satisfies(e -> assertThat(stackText(e))
                            .describedAs("all messages of the failure")
                            .doesNotContain("wrong-token-value"));
            assertThat(select1(provider, "good")).isEqualTo(1);
            assertThat(server.counters().namespace("good").pipelineRequests())
                    .describedAs("server detection + the select")
                    .isEqualTo(2);
            assertThat(provider.toString()).doesNotContain("secret");
        } finally {
            provider.stop();
        }
    }

    @Test
    void aThousandTenantsKeepAtMostTheCacheBoundAndShareOneHttpClient() throws Exception {
        LibsqlTestServer server = libsql.server();
        LibsqlMultiTenantConnectionProvider provider =
                provider(Map.of(TenantSettings.AUTH_TOKEN, "secret", TenantSettings.MAX_CACHED, "100"));
        Set<String> transportsBefore = transportThreads();
        try {
            for (int i = 0; i < 1_000; i++) {
                provider.getConnection("t" + i).close();
            }
            assertThat(provider.cachedTenants()).describedAs("tenants cached").isEqualTo(100);
            assertThat(provider.evictedTenants()).describedAs("tenants evicted").isEqualTo(900);
            assertThat(provider.sharedDriver()).isInstanceOf(NonRegisteringLibsqlDriver.class);
            Set<String> created = transportThreads();
            created.removeAll(transportsBefore);
            assertThat(created)
                    .describedAs("HTTP clients (transports) created for 1,000 tenants")
                    .hasSize(1);
            assertThat(server.counters().pipelineRequests())
                    .describedAs("pipelines: one server detection per tenant database, opening sends nothing else")
                    .isEqualTo(1_000);
            assertThat(server.counters().httpRequests()).isEqualTo(1_000);
        } finally {
            provider.stop();
        }
    }

    @Test
    void idleTenantsAreDroppedOnTheNextAccess() throws Exception {
        LibsqlMultiTenantConnectionProvider provider =
                provider(Map.of(TenantSettings.AUTH_TOKEN, "secret", TenantSettings.IDLE_TIMEOUT, "10m"));
        try {
            provider.getConnection("a").close();
            provider.getConnection("b").close();
            nanos.addAndGet(Duration.ofMinutes(9).toNanos());
            provider.getConnection("b").close();
            nanos.addAndGet(Duration.ofMinutes(2).toNanos());
            provider.getConnection("c").close();
            assertThat(provider.cachedTenants())
                    .describedAs("a idle for 11 min is gone, b (2 min) and c stay")
                    .isEqualTo(2);
            assertThat(provider.evictedTenants()).isEqualTo(1);
        } finally {
            provider.stop();
        }
    }

    @Test
    void configurationErrorsNameTheSetting() {
        LibsqlMultiTenantConnectionProvider provider = new LibsqlMultiTenantConnectionProvider(env::get, nanos::get);
        assertThatThrownBy(() -> provider.configure(Map.of()))
                .isInstanceOf(HibernateException.class)
                .hasMessageContaining(TenantSettings.URL_TEMPLATE)
                .hasMessageContaining(TenantSettings.JNDI_TEMPLATE);
        assertThatThrownBy(() -> provider.configure(
                        Map.of(TenantSettings.URL_TEMPLATE, "jdbc:libsql://db.example?authToken=s3cr3t")))
                .hasMessageContaining("must contain {tenant}")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> provider.configure(
                        Map.of(TenantSettings.URL_TEMPLATE, "jdbc:libsql://db.example:8080;authToken=s3cr3t")))
                .hasMessageContaining("must contain {tenant}")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> provider.configure(Map.of(
                        TenantSettings.URL_TEMPLATE,
                        "jdbc:libsql://{tenant}.example",
                        TenantSettings.SCHEMA_ACTION,
                        "drop")))
                .hasMessageContaining(TenantSettings.SCHEMA_ACTION);
        assertThatThrownBy(() -> provider.configure(Map.of(
                        TenantSettings.URL_TEMPLATE,
                        "jdbc:libsql://{tenant}.example",
                        TenantSettings.TOKEN_RESOLVER,
                        "no.such.Resolver")))
                .hasMessageContaining(TenantSettings.TOKEN_RESOLVER);
        assertThatThrownBy(() -> provider.getAnyConnection())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(TenantSettings.DEFAULT_TENANT);
    }

    @Test
    void anyConnectionGoesToTheDefaultTenantWithoutASchemaRun() throws Exception {
        LibsqlTestServer server = libsql.server();
        LibsqlMultiTenantConnectionProvider provider = provider(Map.of(
                TenantSettings.AUTH_TOKEN,
                "secret",
                TenantSettings.DEFAULT_TENANT,
                "meta",
                TenantSettings.SCHEMA_ACTION,
                "update"));
        try {
            try (Connection c = provider.getAnyConnection();
                    Statement s = c.createStatement()) {
                s.execute("select 1");
            }
            assertThat(server.counters().namespace("meta").pipelineRequests())
                    .describedAs("server detection + the select, no schema run")
                    .isEqualTo(2);
            assertThat(provider.schemaRunsStarted()).isZero();
        } finally {
            provider.stop();
        }
    }

    private static int select1(LibsqlMultiTenantConnectionProvider provider, String tenant) throws SQLException {
        try (Connection c = provider.getConnection(tenant);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String stackText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

    private static final Pattern TRANSPORT = Pattern.compile("libsql-hrana-http-(\\d+)-\\d+");

    private static Set<String> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .map(TRANSPORT::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .collect(Collectors.toSet());
    }
}
