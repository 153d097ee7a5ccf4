package dev.libsqljpa.it.support;

import dev.libsqljpa.testkit.LibsqlTestServer;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

/**
 * Arquillian server setup shared by every IT that needs the driver: on first use in this failsafe execution it starts
 * the shared libSQL server and installs the module + datasource {@value #DATASOURCE} with the shipped CLI script. The
 * installation stays for the remaining test classes (the managed server lives for the whole execution and starts from
 * a clean copy of its configuration next time), so tearDown does nothing.
 */
public class LibsqlModuleSetup implements ServerSetupTask {

    public static final String DATASOURCE = "LibsqlDS";
    public static final String JNDI_NAME = "java:jboss/datasources/LibsqlDS";

    private static String cliOutput;

    @Override
    public void setup(ManagementClient managementClient, String containerId) {
        ensureInstalled();
    }

    @Override
    public void tearDown(ManagementClient managementClient, String containerId) {
        // Kept on purpose, see the class comment.
    }

    /** Installs once per test JVM; returns the install script's console output. */
    public static synchronized String ensureInstalled() {
        if (cliOutput == null) {
            LibsqlTestServer libsql = SharedLibsql.server();
            cliOutput = LibsqlInstaller.installModule(
                    ItServer.current(),
                    new LibsqlInstaller.Datasource(
                            DATASOURCE, JNDI_NAME, SharedLibsql.jdbcUrl(libsql), SharedLibsql.token()));
        }
        return cliOutput;
    }
}
