package dev.libsqljpa.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/** How the bench builds a JPA application: HikariCP with the Spring Boot starter's defaults, Hibernate 7. */
final class Jpa {
    private Jpa() {}

    /** Kept so the levels set below are not collected with the loggers. */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    private static final Logger SCHEMA_LOG = Logger.getLogger("dev.libsqljpa.hibernate");

    /**
     * A pool as {@code libsql-spring-boot-starter} configures it: HikariCP's defaults (10 connections,
     * minimum idle = maximum, idle timeout 10 min, max lifetime 30 min) and keepalive off.
     */
    static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setDriverClassName("dev.libsqljpa.jdbc.LibsqlDriver");
        config.setKeepaliveTime(0);
        return new HikariDataSource(config);
    }

    /**
     * An entity manager factory over {@code dataSource} with every bench entity, {@code hbm2ddl.auto=update}
     * and the starter's {@code hibernate.jdbc.batch_size=50}.
     */
    static EntityManagerFactory emf(DataSource dataSource) {
        HIBERNATE_LOG.setLevel(Level.WARNING);
        SCHEMA_LOG.setLevel(Level.WARNING);
        HibernatePersistenceConfiguration config = new HibernatePersistenceConfiguration("bench");
        BenchEntities.all().forEach(config::managedClass);
        config.property("hibernate.connection.datasource", dataSource);
        config.property("hibernate.hbm2ddl.auto", "update");
        config.property("hibernate.jdbc.batch_size", "50");
        return config.createEntityManagerFactory();
    }
}
