package dev.libsqljpa.examples.blog.app;

import dev.libsqljpa.hibernate.schema.SchemaReportListener;
import dev.libsqljpa.hibernate.schema.SchemaSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Opens the example's persistence units on a {@link Target} and runs units of work on them. */
final class BlogDatabase implements AutoCloseable {

    private final EntityManagerFactory factory;

    private BlogDatabase(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /**
     * Opens a persistence unit of {@code META-INF/persistence.xml} on the target. The unit itself
     * names no dialect and no URL: Hibernate detects {@code LibsqlDialect} from the driver, and
     * the schema tool applies {@code hibernate.hbm2ddl.auto=update} while the factory starts.
     */
    static BlogDatabase open(String persistenceUnit, Target target, SchemaReportListener schemaReports) {
        Map<String, Object> settings = new HashMap<>();
        // Receives what the schema tool applied or skipped, statement by statement.
        settings.put(SchemaSettings.REPORT_LISTENER, schemaReports);
        settings.put("jakarta.persistence.jdbc.url", target.jdbcUrl());
        if (target.authToken() != null) {
            // The driver takes the auth token as the JDBC password.
            settings.put("jakarta.persistence.jdbc.password", target.authToken());
        }
        return new BlogDatabase(Persistence.createEntityManagerFactory(persistenceUnit, settings));
    }

    /**
     * Opens a persistence unit whose schema is owned by migrations (Flyway): the schema tool only
     * validates it and fails the start, listing every difference, if the database does not match.
     */
    static BlogDatabase openValidating(String persistenceUnit, Target target) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.hbm2ddl.auto", "validate");
        settings.put("jakarta.persistence.jdbc.url", target.jdbcUrl());
        if (target.authToken() != null) {
            settings.put("jakarta.persistence.jdbc.password", target.authToken());
        }
        return new BlogDatabase(Persistence.createEntityManagerFactory(persistenceUnit, settings));
    }

    <T> T inTransaction(Function<EntityManager, T> work) {
        try (EntityManager em = factory.createEntityManager()) {
            em.getTransaction().begin();
            try {
                T result = work.apply(em);
                em.getTransaction().commit();
                return result;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e;
            }
        }
    }

    void inTransactionDo(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    <T> T read(Function<EntityManager, T> work) {
        try (EntityManager em = factory.createEntityManager()) {
            return work.apply(em);
        }
    }

    @Override
    public void close() {
        factory.close();
    }

    static void deleteDatabaseFiles(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
