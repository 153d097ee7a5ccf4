package dev.libsqljpa.hibernate.schema;

import dev.libsqljpa.hibernate.LibsqlDialect;
import dev.libsqljpa.hibernate.SessionFactories;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.hibernate.SessionFactory;

/**
 * Deploys a version of the blog model the way an application starts: a SessionFactory built with a
 * schema action, the libSQL tool picked by the dialect (no tool setting). Collects the reports.
 */
final class Deployer {

    final List<SchemaReport> reports = new CopyOnWriteArrayList<>();
    private final Supplier<SchemaDb> dbs;

    /** {@code db} is asked on each deploy (test fixtures may start the server after this is built). */
    Deployer(Supplier<SchemaDb> db) {
        this.dbs = db;
    }

    /** Deploys and keeps the SessionFactory open (the caller closes it). */
    SessionFactory open(String action, Class<?>[] entities, Map<String, Object> extra) {
        SchemaDb db = dbs.get();
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.connection.url", db.jdbcUrl());
        settings.put("hibernate.dialect", LibsqlDialect.class.getName());
        settings.put("hibernate.hbm2ddl.auto", action);
        settings.put("hibernate.connection.pool_size", "2");
        settings.put(SchemaSettings.REPORT_LISTENER, (SchemaReportListener) reports::add);
        settings.putAll(db.settings());
        settings.putAll(extra);
        return SessionFactories.build(settings, entities);
    }

    /** Deploys, closes, and returns the report of the (last) schema action. */
    SchemaReport deploy(String action, Class<?>[] entities, Map<String, Object> extra) {
        int before = reports.size();
        open(action, entities, extra).close();
        if (reports.size() == before) {
            throw new AssertionError("no schema report for " + action);
        }
        return last(before);
    }

    SchemaReport deploy(String action, Class<?>[] entities) {
        return deploy(action, entities, Map.of());
    }

    /** The first report after index {@code from} that is not the delayed drop. */
    SchemaReport last(int from) {
        for (int i = reports.size() - 1; i >= from; i--) {
            if (!reports.get(i).action().equals("delayed-drop")) {
                return reports.get(i);
            }
        }
        throw new AssertionError("no schema report");
    }
}
