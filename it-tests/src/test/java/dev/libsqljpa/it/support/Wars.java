package dev.libsqljpa.it.support;

import jakarta.persistence.Entity;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test applications packaged like user applications: classes, an empty beans.xml, a plain persistence.xml (no dialect,
 * schema action update) and the libsql-hibernate artifact of the server's Hibernate line in WEB-INF/lib, next to the
 * matching hibernate-community-dialects jar (WildFly ships hibernate-core but not the community dialects).
 */
public final class Wars {

    private Wars() {}

    /** A CDI + JAX-RS web application (resources under /api). */
    public static WebArchive web(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClass(RestApplication.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /**
     * A JPA application: persistence unit {@code app} on the JTA datasource {@code jndiName} with the given entity
     * and bean classes, hbm2ddl update with halt_on_error.
     */
    public static WebArchive jpa(
            String name, String jndiName, Map<String, String> extraProperties, Class<?>... classes) {
        WebArchive war = web(name)
                .addClasses(classes)
                .addAsResource(
                        new StringAsset(persistenceXml(jndiName, extraProperties, classes)),
                        "META-INF/persistence.xml");
        for (File lib : dialectLibs()) {
            war.addAsLibrary(lib);
        }
        return war;
    }

    public static WebArchive jpa(String name, String jndiName, Class<?>... classes) {
        return jpa(name, jndiName, Map.of(), classes);
    }

    /** The persistence.xml a user writes: nothing libSQL-specific beyond the datasource name. */
    public static String persistenceXml(String jndiName, Map<String, String> extraProperties, Class<?>... classes) {
        String entities = Arrays.stream(classes)
                .filter(type -> type.isAnnotationPresent(Entity.class))
                .map(type -> "    <class>" + type.getName() + "</class>\n")
                .collect(Collectors.joining());
        String extra = extraProperties.entrySet().stream()
                .map(entry -> "      <property name=\"" + entry.getKey() + "\" value=\"" + entry.getValue() + "\"/>\n")
                .collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="app" transaction-type="JTA">
                    <jta-data-source>%s</jta-data-source>
                %s    <exclude-unlisted-classes>true</exclude-unlisted-classes>
                    <properties>
                      <property name="hibernate.hbm2ddl.auto" value="update"/>
                      <property name="hibernate.hbm2ddl.halt_on_error" value="true"/>
                %s    </properties>
                  </persistence-unit>
                </persistence>
                """.formatted(jndiName, entities, extra);
    }

    /** libsql-hibernate (Preview, ORM 7.1) or libsql-hibernate6 (WildFly 39, ORM 6.6) plus community dialects. */
    public static File[] dialectLibs() {
        ItServer server = ItServer.current();
        String community = server == ItServer.WILDFLY_39
                ? "hibernate-community-dialects-6.jar"
                : "hibernate-community-dialects-7.jar";
        Path libs = ItServer.deploymentLibs();
        File[] files = {
            libs.resolve(server.dialectJar()).toFile(), libs.resolve(community).toFile()
        };
        for (File file : files) {
            if (!Files.isRegularFile(file.toPath())) {
                throw new IllegalStateException(file + " is missing: the build copies it in pre-integration-test");
            }
        }
        return files;
    }
}
