package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.jdbc.LibsqlDataSource;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JNDI-template mode: each tenant's data source is looked up under the template name. */
class TenantJndiTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private final Tenancy tenancy = new Tenancy();

    @AfterEach
    void unbind() {
        TestNaming.BOUND.values().stream()
                .filter(LibsqlDataSource.class::isInstance)
                .forEach(ds -> ((LibsqlDataSource) ds).close());
        TestNaming.BOUND.clear();
    }

    private SessionFactory open() {
        return tenancy.open(
                Map.of(
                        TenantSettings.JNDI_TEMPLATE,
                        "java:jboss/datasources/libsql-{tenant}",
                        TenantSettings.SCHEMA_ACTION,
                        "update",
                        "hibernate.jndi.class",
                        TestNaming.class.getName()),
                Note.class);
    }

    @Test
    void eachTenantUsesTheDataSourceBoundUnderItsName() throws Exception {
        LibsqlTestServer server = libsql.server();
        for (String tenant : new String[] {"acme", "globex"}) {
            TestNaming.BOUND.put(
                    "java:jboss/datasources/libsql-" + tenant,
                    new LibsqlDataSource("jdbc:libsql:" + server.url(tenant)));
        }
        try (SessionFactory sf = open()) {
            Tenancy.persist(sf, "acme", "acme's");
            Tenancy.persist(sf, "globex", "globex's");
            assertThat(Tenancy.texts(sf, "acme")).containsExactly("acme's");
            assertThat(Tenancy.texts(sf, "globex")).containsExactly("globex's");
            assertThat(Tenancy.provider(sf).schemaRunsStarted()).isEqualTo(2);
        }
        assertThat(Tenancy.rows("jdbc:libsql:" + server.url("acme"), "select text from notes"))
                .containsExactly("acme's");
        assertThat(Tenancy.rows("jdbc:libsql:" + server.url("globex"), "select text from notes"))
                .containsExactly("globex's");
    }

    @Test
    void anUnboundTenantFailsNamingTheJndiNameAndAnInvalidIdIsNeverLookedUp() {
        LibsqlTestServer server = libsql.server();
        TestNaming.BOUND.put(
                "java:jboss/datasources/libsql-acme", new LibsqlDataSource("jdbc:libsql:" + server.url("acme")));
        try (SessionFactory sf = open()) {
            assertThatThrownBy(() -> Tenancy.texts(sf, "initech"))
                    .hasStackTraceContaining(
                            "libSQL tenant 'initech': data source java:jboss/datasources/libsql-initech"
                                    + " not found in JNDI");
            assertThatThrownBy(() -> Tenancy.texts(sf, "acme/../other")).hasStackTraceContaining(TenantIds.RULE);
            assertThat(Tenancy.provider(sf).cachedTenants())
                    .describedAs("failed lookups are not cached")
                    .isZero();
            assertThat(server.counters().httpRequests()).isZero();
        }
    }

    /**
     * A tenant's first use inside a container-managed transaction: the schema runs with that transaction
     * suspended (an enlisted connection refuses auto-commit, as application-server pools do), and the
     * transaction is resumed afterwards.
     */
    @Test
    void firstUseInsideAJtaTransactionRunsTheSchemaWithTheTransactionSuspended() throws Exception {
        LibsqlTestServer server = libsql.server();
        AtomicReference<Transaction> current = new AtomicReference<>();
        List<String> calls = new CopyOnWriteArrayList<>();
        Transaction transaction = (Transaction) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Transaction.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        TransactionManager manager = (TransactionManager) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TransactionManager.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getTransaction" -> {
                            return current.get();
                        }
                        case "suspend" -> {
                            calls.add("suspend");
                            return current.getAndSet(null);
                        }
                        case "resume" -> {
                            calls.add("resume");
                            current.set((Transaction) args[0]);
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
        JtaPlatform platform = (JtaPlatform) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {JtaPlatform.class}, (proxy, method, args) -> {
                    if (method.getName().equals("retrieveTransactionManager")) {
                        return manager;
                    }
                    if (method.getName().equals("toString")) {
                        return "fake JTA platform";
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        LibsqlDataSource real = new LibsqlDataSource("jdbc:libsql:" + server.url("acme"));
        DataSource enlisting = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(real, args);
                    }
                    Connection connection = real.getConnection();
                    if (current.get() == null) {
                        return connection;
                    }
                    connection.setAutoCommit(false);
                    return (Connection) Proxy.newProxyInstance(
                            getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("setAutoCommit")) {
                                    throw new SQLException("You cannot set autocommit during a managed transaction");
                                }
                                return m.invoke(connection, a);
                            });
                });
        TestNaming.BOUND.put("java:jboss/datasources/libsql-acme", enlisting);
        try (SessionFactory sf = tenancy.open(
                Map.of(
                        TenantSettings.JNDI_TEMPLATE,
                        "java:jboss/datasources/libsql-{tenant}",
                        TenantSettings.SCHEMA_ACTION,
                        "update",
                        "hibernate.jndi.class",
                        TestNaming.class.getName(),
                        "hibernate.transaction.jta.platform",
                        platform),
                Note.class)) {
            current.set(transaction);
            try (Connection c = Tenancy.provider(sf).getConnection("acme")) {
                assertThat(c.getAutoCommit())
                        .describedAs("the caller's connection is enlisted")
                        .isFalse();
            }
            assertThat(calls).containsExactly("suspend", "resume");
            assertThat(current.get())
                    .describedAs("the caller's transaction after the schema run")
                    .isSameAs(transaction);
            assertThat(tenancy.reports)
                    .singleElement()
                    .satisfies(r -> assertThat(r.applied()).hasSize(1));
        } finally {
            real.close();
            TestNaming.BOUND.clear();
        }
        assertThat(Tenancy.rows(
                        "jdbc:libsql:" + server.url("acme"), "select name from sqlite_schema where name = 'notes'"))
                .containsExactly("notes");
    }
}
