package dev.libsqljpa.it.support;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The libSQL server the ITs of one failsafe execution share: an in-JVM {@link LibsqlTestServer} on 127.0.0.1 with
 * bearer-token auth, started on first use in the test JVM and stopped when that JVM exits. WildFly (a separate process
 * on the same host) reaches it over loopback HTTP, exactly like a remote sqld or Turso database.
 */
public final class SharedLibsql {

    private static LibsqlTestServer server;
    private static String token;

    private SharedLibsql() {}

    public static synchronized LibsqlTestServer server() {
        if (server == null) {
            token = newToken();
            server = LibsqlTestServer.builder().port(0).authToken(token).start();
            LibsqlTestServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "shared-libsql-stop"));
        }
        return server;
    }

    /** The bearer token the shared server requires (a fresh random one per run). */
    public static synchronized String token() {
        server();
        return token;
    }

    /** The JDBC URL of a libSQL server for WildFly's datasource: plain HTTP on loopback. */
    public static String jdbcUrl(LibsqlTestServer libsql) {
        return "jdbc:libsql:" + libsql.url();
    }

    /** As {@link #jdbcUrl(LibsqlTestServer)} with driver properties in the query, e.g. {@code transactionMode=IMMEDIATE}. */
    public static String jdbcUrl(LibsqlTestServer libsql, String query) {
        return jdbcUrl(libsql) + "?" + query;
    }

    public static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "it-token-" + HexFormat.of().formatHex(bytes);
    }
}
