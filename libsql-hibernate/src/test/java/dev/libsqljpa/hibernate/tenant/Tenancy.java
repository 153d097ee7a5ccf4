package dev.libsqljpa.hibernate.tenant;

import dev.libsqljpa.hibernate.LibsqlDialect;
import dev.libsqljpa.hibernate.SessionFactories;
import dev.libsqljpa.hibernate.schema.SchemaReport;
import dev.libsqljpa.hibernate.schema.SchemaReportListener;
import dev.libsqljpa.hibernate.schema.SchemaSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** Builds multi-tenant session factories the way an application does, and reads tenant databases directly. */
final class Tenancy {

    final List<SchemaReport> reports = new CopyOnWriteArrayList<>();

    /** A session factory with the provider selected by class name, plus {@code settings}. */
    SessionFactory open(Map<String, Object> settings, Class<?>... entities) {
        Map<String, Object> all = new HashMap<>();
        all.put("hibernate.multi_tenant_connection_provider", LibsqlMultiTenantConnectionProvider.class.getName());
        all.put("hibernate.dialect", LibsqlDialect.class.getName());
        all.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        all.put(SchemaSettings.REPORT_LISTENER, (SchemaReportListener) reports::add);
        all.putAll(settings);
        return SessionFactories.build(all, entities);
    }

    static LibsqlMultiTenantConnectionProvider provider(SessionFactory sf) {
        return (LibsqlMultiTenantConnectionProvider) sf.unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry()
                .getService(MultiTenantConnectionProvider.class);
    }

    static Session session(SessionFactory sf, String tenant) {
        return sf.withOptions().tenantIdentifier((Object) tenant).openSession();
    }

    static void persist(SessionFactory sf, String tenant, String... texts) {
        try (Session s = session(sf, tenant)) {
            s.getTransaction().begin();
            for (String text : texts) {
                s.persist(new Note(text));
            }
            s.getTransaction().commit();
        }
    }

    static List<String> texts(SessionFactory sf, String tenant) {
        try (Session s = session(sf, tenant)) {
            return s.createQuery("select n.text from Note n order by n.text", String.class)
                    .getResultList();
        }
    }

    /** The rows of a tenant's database, read with plain JDBC (no Hibernate, no provider). */
    static List<String> rows(String jdbcUrl, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
