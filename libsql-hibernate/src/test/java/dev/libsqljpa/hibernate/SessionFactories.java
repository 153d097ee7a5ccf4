package dev.libsqljpa.hibernate;

import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/** Builds a SessionFactory the way an application does: settings and annotated classes, no persistence.xml. */
public final class SessionFactories {

    private SessionFactories() {}

    /** The registry is destroyed if the build fails; otherwise closing the factory releases it. */
    public static SessionFactory build(Map<String, Object> settings, Class<?>... entities) {
        StandardServiceRegistry registry =
                new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : entities) {
                sources.addAnnotatedClass(entity);
            }
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }
}
