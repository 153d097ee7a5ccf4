package dev.libsqljpa.it.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.ItServer;
import dev.libsqljpa.it.support.JbossCli;
import dev.libsqljpa.it.support.LibsqlInstaller;
import dev.libsqljpa.it.support.LibsqlModuleSetup;
import dev.libsqljpa.it.support.SharedLibsql;
import dev.libsqljpa.it.support.Wars;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The driver as a plain deployment instead of a module: one jar holding the driver and its runtime dependencies,
 * deployed like an application; WildFly registers its java.sql.Driver service under the jar's name and a datasource
 * uses it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DriverDeploymentIT {

    private static final String DRIVER_JAR = "libsql-jdbc-all.jar";
    private static final String DATASOURCE = "DeployedDriverDS";
    private static final String JNDI_NAME = "java:jboss/datasources/DeployedDriverDS";

    @Deployment(name = "driver", order = 1, testable = false)
    static JavaArchive driver() throws IOException {
        JavaArchive all = ShrinkWrap.create(JavaArchive.class, DRIVER_JAR);
        try (Stream<Path> jars = Files.list(ItServer.moduleJars())) {
            for (Path jar : (Iterable<Path>) jars.sorted()::iterator) {
                all.merge(ShrinkWrap.create(ZipImporter.class, jar.getFileName().toString())
                        .importFrom(jar.toFile())
                        .as(JavaArchive.class));
            }
        }
        return all;
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Wars.web("deployed-driver-app").addClass(JdbcResource.class);
    }

    @Test
    void datasourceOnTheDeployedDriverWorks(@ArquillianResource @OperateOnDeployment("app") URL base) {
        LibsqlModuleSetup.ensureInstalled();
        ItServer server = ItServer.current();
        LibsqlInstaller.addDatasource(
                server,
                new LibsqlInstaller.Datasource(
                        DATASOURCE, JNDI_NAME, SharedLibsql.jdbcUrl(SharedLibsql.server()), SharedLibsql.token()),
                DRIVER_JAR);
        try {
            String test = JbossCli.runCommand(
                    server, "/subsystem=datasources/data-source=" + DATASOURCE + ":test-connection-in-pool");
            assertThat(test).contains("\"outcome\" => \"success\"");

            Http.Response response = new Http(base).get("api/jdbc?ds=" + JNDI_NAME);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("42 libSQL");
        } finally {
            LibsqlInstaller.removeDatasource(server, DATASOURCE);
        }
    }
}
