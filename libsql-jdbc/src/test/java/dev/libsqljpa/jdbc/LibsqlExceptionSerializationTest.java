package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.libsqljpa.hrana.http.HranaException;
import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of exception the driver throws survives Java serialization with its cause chain (RMI,
 * session replication and application servers serialize exceptions).
 */
class LibsqlExceptionSerializationTest {

    static LibsqlTestServer server;

    @BeforeAll
    static void start() {
        server = LibsqlTestServer.builder().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    interface Failing {
        void run(Connection c) throws SQLException;
    }

    interface FailingWithProxy {
        void run(HttpFaultProxy proxy, Connection c) throws SQLException;
    }

    private static SQLException viaProxy(Fault fault, Failing action) throws SQLException {
        return viaProxy(fault, (proxy, c) -> action.run(c));
    }

    private static SQLException viaProxy(Fault fault, FailingWithProxy action) throws SQLException {
        try (HttpFaultProxy proxy = HttpFaultProxy.start(server.uri()).keepAlive(false);
                NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
            Properties p = new Properties();
            p.setProperty("requestTimeout", "1");
            try (Connection c = driver.connect("jdbc:libsql:" + proxy.uri(), p)) {
                if (fault != null) {
                    proxy.failWhen(r -> r.path().endsWith("/pipeline"), fault);
                }
                SQLException e = catchThrowableOfType(SQLException.class, () -> action.run(proxy, c));
                assertThat((Object) e).describedAs("%s must fail", fault).isNotNull();
                return e;
            }
        }
    }

    @Test
    void everyKindSerializesWithItsCauses() throws Exception {
        try (Connection c = new LibsqlDataSource("jdbc:libsql:" + server.url()).getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ser");
            s.execute("CREATE TABLE ser (id INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO ser VALUES (1)");
        }
        Failing insert = c -> c.createStatement().executeUpdate("INSERT INTO ser VALUES (2)");
        Map<String, SQLException> kinds = new LinkedHashMap<>();
        kinds.put("401", viaProxy(Fault.HTTP_401, insert));
        kinds.put("500 HTML", viaProxy(Fault.HTTP_500_HTML, insert));
        kinds.put("503", viaProxy(Fault.HTTP_503, insert));
        kinds.put("429 in a transaction", viaProxy(null, (proxy, c) -> {
            c.setAutoCommit(false);
            c.createStatement().executeQuery("SELECT 1").close();
            proxy.failNext(Fault.HTTP_429);
            c.createStatement().executeQuery("SELECT 1");
        }));
        kinds.put("dropped connection", viaProxy(Fault.DROP_AFTER_FORWARD, insert));
        kinds.put("garbage JSON", viaProxy(Fault.GARBAGE_JSON, insert));
        kinds.put("wrong-shape JSON", viaProxy(Fault.WRONG_SHAPE_JSON, insert));
        kinds.put("timeout", viaProxy(Fault.slow(Duration.ofSeconds(20)), insert));
        kinds.put("constraint", viaProxy(null, c -> c.createStatement().executeUpdate("INSERT INTO ser VALUES (1)")));
        kinds.put("syntax", viaProxy(null, c -> c.createStatement().executeQuery("SELEC 1")));
        kinds.put("batch", viaProxy(null, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ser VALUES (?)")) {
                p.setInt(1, 1);
                p.addBatch();
                p.executeBatch();
            }
        }));
        kinds.put("closed connection", viaProxy(null, c -> {
            c.close();
            c.createStatement();
        }));
        kinds.put("data", viaProxy(null, c -> c.prepareStatement("SELECT ?").setString(1, "\uD800")));
        kinds.put(
                "bad URL",
                catchThrowableOfType(
                        SQLException.class,
                        () -> new NonRegisteringLibsqlDriver()
                                .connect("jdbc:libsql:http://localhost:99999", new Properties())));
        kinds.put("connect refused", catchThrowableOfType(SQLException.class, () -> {
            HttpFaultProxy proxy = HttpFaultProxy.start(server.uri());
            String url = "jdbc:libsql:" + proxy.uri();
            proxy.close();
            try (NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver()) {
                driver.connect(url, new Properties());
            }
        }));
        assertThat((Throwable) kinds.get("batch")).isInstanceOf(BatchUpdateException.class);
        assertThat(kinds.get("500 HTML").getCause()).isInstanceOf(HranaException.class);
        assertThat(((HranaException) kinds.get("500 HTML").getCause()).httpStatus())
                .isEqualTo(500);
        for (Map.Entry<String, SQLException> kind : kinds.entrySet()) {
            SQLException original = kind.getValue();
            assertThat((Object) original).describedAs(kind.getKey()).isNotNull();
            SQLException copy = roundTrip(kind.getKey(), original);
            assertThat(copy.getClass()).describedAs(kind.getKey()).isEqualTo(original.getClass());
            assertThat(copy.getSQLState()).describedAs(kind.getKey()).isEqualTo(original.getSQLState());
            assertThat(copy.getMessage()).describedAs(kind.getKey()).isEqualTo(original.getMessage());
            assertThat(copy.getErrorCode()).describedAs(kind.getKey()).isEqualTo(original.getErrorCode());
            assertThat(causes(copy))
                    .describedAs(kind.getKey() + ": cause chain")
                    .isEqualTo(causes(original));
        }
        HranaException serverError =
                (HranaException) roundTrip("401", kinds.get("401")).getCause();
        assertThat(serverError.httpStatus()).isEqualTo(401);
        assertThat(serverError.reason()).isEqualTo(HranaException.Reason.AUTH);
        assertThat(serverError.serverError())
                .describedAs("the server's JSON error survives")
                .isNotNull();
        assertThat(serverError.serverError().message()).isEqualTo("Unauthorized");
        assertThat(kinds).hasSize(15);
    }

    private static List<String> causes(Throwable t) {
        List<String> names = new ArrayList<>();
        for (Throwable x = t.getCause(); x != null; x = x.getCause()) {
            names.add(x.getClass().getName()); // Jackson rebuilds its location text after deserialization
        }
        return names;
    }

    private static SQLException roundTrip(String kind, SQLException e) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        } catch (IOException notSerializable) {
            throw new AssertionError(kind + " does not serialize: " + notSerializable, notSerializable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SQLException) in.readObject();
        }
    }
}
