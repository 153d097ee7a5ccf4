package dev.libsqljpa.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Installs the driver into the managed server with the shipped files of dist/wildfly: module.xml + the driver jars,
 * then install-libsql.cli (module, JDBC driver, credential store, first datasource) or add-libsql-datasource.cli.
 */
public final class LibsqlInstaller {

    /** Password of the Elytron credential store the scripts create (test-only value). */
    static final String STORE_PASSWORD = "it-store-password";

    private LibsqlInstaller() {}

    /** A datasource the scripts create: name, JNDI name, JDBC URL and token. */
    public record Datasource(String name, String jndiName, String url, String token) {
        @Override
        public String toString() {
            return "Datasource[" + name + ", " + jndiName + ", " + url + "]";
        }
    }

    /**
     * Module, driver and the first datasource. A module directory left by an earlier build is removed first: the
     * freshly started server has not loaded it, and it may hold an older driver.
     *
     * @return the CLI console output
     */
    public static String installModule(ItServer server, Datasource datasource) {
        deleteTree(server.jbossHome().resolve("modules/dev/libsqljpa"));
        Path moduleDir = stageModule(server);
        Map<String, String> properties = datasourceProperties(datasource);
        properties.put("libsql.module.dir", moduleDir.toString());
        properties.put("libsql.store.password", STORE_PASSWORD);
        return JbossCli.runScript(server, ItServer.distDir().resolve("install-libsql.cli"), properties);
    }

    /** One more datasource on a server where {@link #installModule} ran. */
    public static String addDatasource(ItServer server, Datasource datasource) {
        return JbossCli.runScript(
                server, ItServer.distDir().resolve("add-libsql-datasource.cli"), datasourceProperties(datasource));
    }

    /** One more datasource on another registered driver, e.g. a deployed driver jar (named after the jar). */
    public static String addDatasource(ItServer server, Datasource datasource, String driverName) {
        Map<String, String> properties = datasourceProperties(datasource);
        properties.put("libsql.driver.name", driverName);
        return JbossCli.runScript(server, ItServer.distDir().resolve("add-libsql-datasource.cli"), properties);
    }

    /** A tenant's datasource for the multi-tenant provider's JNDI template, with the shipped tenant script. */
    public static String addTenantDatasource(ItServer server, String tenant, String url, String token) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("libsql.tenant", tenant);
        properties.put("libsql.url", url);
        properties.put("libsql.token", token);
        return JbossCli.runScript(server, ItServer.distDir().resolve("add-libsql-tenant-datasource.cli"), properties);
    }

    public static void removeDatasource(ItServer server, String name) {
        JbossCli.runCommand(server, "/subsystem=datasources/data-source=" + name + ":remove");
    }

    /** module.xml and the jars of the dist module's wildfly-module zip: what a user unpacks. */
    private static Path stageModule(ItServer server) {
        Path dir = server.workDir().resolve("libsql-module");
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
            Files.copy(ItServer.distDir().resolve("module.xml"), dir.resolve("module.xml"));
            try (Stream<Path> jars = Files.list(ItServer.moduleJars())) {
                for (Path jar : (Iterable<Path>) jars::iterator) {
                    Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static Map<String, String> datasourceProperties(Datasource datasource) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("libsql.ds.name", datasource.name());
        properties.put("libsql.jndi.name", datasource.jndiName());
        properties.put("libsql.url", datasource.url());
        properties.put("libsql.token", datasource.token());
        return properties;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
