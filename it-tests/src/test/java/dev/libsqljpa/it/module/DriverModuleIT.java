package dev.libsqljpa.it.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.ItServer;
import dev.libsqljpa.it.support.LibsqlModuleSetup;
import dev.libsqljpa.it.support.SharedLibsql;
import dev.libsqljpa.it.support.Wars;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The driver installed as a module by dist/wildfly/install-libsql.cli, with the token in a credential store. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(LibsqlModuleSetup.class)
class DriverModuleIT {

    private static final ModelNode DATASOURCE =
            Operations.createAddress("subsystem", "datasources", "data-source", LibsqlModuleSetup.DATASOURCE);

    @Deployment(testable = false)
    static WebArchive app() {
        return Wars.web("jdbc-app").addClass(JdbcResource.class);
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    @Test
    void moduleXmlListsExactlyTheDriverJarsTheBuildCollects() throws IOException {
        String moduleXml = Files.readString(ItServer.distDir().resolve("module.xml"), StandardCharsets.UTF_8);
        Matcher roots = Pattern.compile("<resource-root path=\"([^\"]+)\"").matcher(moduleXml);
        List<String> listed =
                roots.results().map(match -> match.group(1)).sorted().toList();
        List<String> collected;
        try (Stream<Path> jars = Files.list(ItServer.moduleJars())) {
            collected = jars.map(jar -> jar.getFileName().toString()).sorted().toList();
        }

        assertThat(listed).isEqualTo(collected);
    }

    @Test
    void testConnectionInPoolSucceeds() throws IOException {
        ModelNode result = management
                .getControllerClient()
                .execute(Operations.createOperation("test-connection-in-pool", DATASOURCE));

        assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
    }

    @Test
    void applicationQueriesThroughTheContainerDatasource() {
        Http.Response response = new Http(base).get("api/jdbc?ds=" + LibsqlModuleSetup.JNDI_NAME);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("42 libSQL");
    }

    @Test
    void tokenLivesOnlyInTheCredentialStore() throws IOException {
        String cliOutput = LibsqlModuleSetup.ensureInstalled();
        String token = SharedLibsql.token();
        ModelNode resource =
                management.getControllerClient().execute(Operations.createReadResourceOperation(DATASOURCE));
        assertThat(Operations.isSuccessfulOutcome(resource))
                .as(resource.toString())
                .isTrue();
        ModelNode credential = Operations.readResult(resource).get("credential-reference");

        assertThat(credential.get("store").asString()).isEqualTo("libsql-credentials");
        assertThat(credential.get("alias").asString()).isEqualTo(LibsqlModuleSetup.DATASOURCE);
        assertThat(credential.hasDefined("clear-text")).isFalse();
        assertThat(resource.toString()).doesNotContain(token);
        assertThat(cliOutput).doesNotContain(token);
        Path base = ItServer.current().serverBaseDir();
        assertThat(Files.readString(base.resolve("configuration/standalone.xml"), StandardCharsets.UTF_8))
                .contains("credential-reference store=\"libsql-credentials\"")
                .doesNotContain(token);
        assertThat(Files.readString(base.resolve("log/server.log"), StandardCharsets.UTF_8))
                .doesNotContain(token);
        assertThat(base.resolve("data/libsql-credentials.cs")).isRegularFile();
    }
}
