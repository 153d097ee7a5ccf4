package dev.libsqljpa.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The WildFly server this failsafe execution runs against (system property {@code it.server}, set per execution in
 * it-tests/pom.xml), with the dialect artifact its Hibernate ORM line needs.
 */
public enum ItServer {
    /** WildFly 39: Hibernate ORM 6.6, Jakarta EE 10. */
    WILDFLY_39("wildfly-39", "libsql-hibernate6.jar"),
    /** WildFly Preview 38: Hibernate ORM 7.1, Jakarta EE 11. */
    WILDFLY_PREVIEW_38("wildfly-preview-38", "libsql-hibernate.jar");

    private final String id;
    private final String dialectJar;

    ItServer(String id, String dialectJar) {
        this.id = id;
        this.dialectJar = dialectJar;
    }

    public static ItServer current() {
        String id = required("it.server");
        for (ItServer server : values()) {
            if (server.id.equals(id.toLowerCase(Locale.ROOT))) {
                return server;
            }
        }
        throw new IllegalStateException("Unknown it.server '" + id + "'");
    }

    public String id() {
        return id;
    }

    /** File name of the libsql-hibernate artifact for this server, in {@link #deploymentLibs()}. */
    public String dialectJar() {
        return dialectJar;
    }

    public Path jbossHome() {
        return existing("jboss.home");
    }

    /** Base URL of a web application with the given context root on this server's HTTP listener. */
    public URL baseUrl(String context) {
        try {
            return new URL("http://127.0.0.1:" + required("it.http.port") + "/" + context + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(context, e);
        }
    }

    public int managementPort() {
        return Integer.parseInt(required("wf.management.port"));
    }

    /** Jars the build copied for WARs (stripped versions). */
    public static Path deploymentLibs() {
        return Path.of(required("it.deployment.libs"));
    }

    /** The driver and its runtime dependencies, named as dist/wildfly/module.xml lists them. */
    public static Path moduleJars() {
        return existing("it.module.jars");
    }

    /** module.xml and the jboss-cli scripts, unpacked from the dist module's wildfly-module zip. */
    public static Path distDir() {
        return existing("it.dist.dir");
    }

    /** The managed server's clean base directory (arquillian.xml cleanServerBaseDir): configuration, log, data. */
    public Path serverBaseDir() {
        return Path.of(required("it.work.dir")).resolve("standalone-" + id);
    }

    /** Scratch space under target/ for this execution. */
    public Path workDir() {
        Path dir = Path.of(required("it.work.dir")).resolve(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static Path existing(String property) {
        Path path = Path.of(required(property));
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist");
        }
        return path;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property
                    + " is not set: run the ITs through failsafe (mvn verify -pl it-tests -am)");
        }
        return value;
    }
}
