package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hibernate.model.Note;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.util.Map;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstraps the persistence unit from persistence.xml on whichever Hibernate line this leg runs. */
class BootstrapTest {

    @TempDir
    Path dir;

    @Test
    void persistenceUnitBootsWithLibsqlDialectAndRoundTripsAnEntity() {
        Map<String, Object> props = Map.of(
                "jakarta.persistence.jdbc.url", "jdbc:sqlite:" + dir.resolve("boot.db"),
                "hibernate.dialect", LibsqlDialect.class.getName());
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("bootstrap", props);
        try {
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            em.persist(new Note(1L, "hello"));
            em.getTransaction().commit();
            em.close();

            EntityManager reader = emf.createEntityManager();
            assertThat(reader.find(Note.class, 1L).getText()).isEqualTo("hello");
            assertThat(emf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect())
                    .isInstanceOf(LibsqlDialect.class);
            reader.close();
        } finally {
            emf.close();
        }
    }
}
