package dev.libsqljpa.testkit.junit;

import dev.libsqljpa.testkit.LibsqlTestServer;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link LibsqlTestServer} on a free port with a fresh database per
 * test class (default) or per test method, and injects it into test, {@code @BeforeEach} and
 * {@code @BeforeAll} method parameters of type {@link LibsqlTestServer}.
 *
 * <pre>{@code
 * @ExtendWith(LibsqlServerExtension.class)            // one server per class
 * class MyTest {
 *     @Test void works(LibsqlTestServer server) { ... server.url() ... }
 * }
 *
 * class OtherTest {                                   // one server per method, configured
 *     @RegisterExtension
 *     static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod()
 *             .configure(b -> b.authToken("secret"));
 * }
 * }</pre>
 *
 * <p>A per-class extension registered on a non-static field starts its server before the first
 * test. The server is stopped (and its temporary database deleted) after the class or method.
 */
public final class LibsqlServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(LibsqlServerExtension.class);

    private final boolean fromAnnotation;
    private final boolean perMethodByCode;
    private final Consumer<LibsqlTestServer.Builder> configuration;
    private volatile LibsqlTestServer current;

    /**
     * What {@code @ExtendWith} uses: a per-class server with default settings, or as the test class's
     * {@link LibsqlServerSettings} say.
     */
    public LibsqlServerExtension() {
        this(true, false, builder -> {});
    }

    private LibsqlServerExtension(
            boolean fromAnnotation, boolean perMethod, Consumer<LibsqlTestServer.Builder> configuration) {
        this.fromAnnotation = fromAnnotation;
        this.perMethodByCode = perMethod;
        this.configuration = configuration;
    }

    private static LibsqlServerSettings settings(ExtensionContext context) {
        return context.getTestClass()
                .map(type -> type.getAnnotation(LibsqlServerSettings.class))
                .orElse(null);
    }

    private boolean perMethod(ExtensionContext context) {
        if (!fromAnnotation) {
            return perMethodByCode;
        }
        LibsqlServerSettings settings = settings(context);
        return settings != null && settings.freshPerMethod();
    }

    /** A per-class server (fresh database for each test class). */
    public static LibsqlServerExtension perClass() {
        return new LibsqlServerExtension(false, false, builder -> {});
    }

    /** A fresh server and database for each test method. */
    public static LibsqlServerExtension perMethod() {
        return new LibsqlServerExtension(false, true, builder -> {});
    }

    /** A copy that applies {@code configuration} to the server builder (auth token, timeouts, clock, ...). */
    public LibsqlServerExtension configure(Consumer<LibsqlTestServer.Builder> configuration) {
        Consumer<LibsqlTestServer.Builder> previous = this.configuration;
        return new LibsqlServerExtension(false, perMethodByCode, previous.andThen(configuration));
    }

    /** The running server (for {@code @RegisterExtension} users); fails outside a test. */
    public LibsqlTestServer server() {
        LibsqlTestServer server = current;
        if (server == null) {
            throw new IllegalStateException("no libSQL test server is running (outside a test?)");
        }
        return server;
    }

    private LibsqlTestServer startServer(ExtensionContext context) {
        LibsqlTestServer.Builder builder = LibsqlTestServer.builder();
        LibsqlServerSettings settings = fromAnnotation ? settings(context) : null;
        if (settings != null) {
            builder.authToken(settings.authToken())
                    .idleStreamTimeout(Duration.ofMillis(settings.idleStreamTimeoutMillis()))
                    .writeLockTimeout(Duration.ofMillis(settings.writeLockTimeoutMillis()));
        }
        configuration.accept(builder);
        LibsqlTestServer server = builder.start();
        context.getStore(STORE).put(LibsqlTestServer.class, server);
        current = server;
        return server;
    }

    private void stopServer(ExtensionContext context) {
        LibsqlTestServer server = context.getStore(STORE).remove(LibsqlTestServer.class, LibsqlTestServer.class);
        if (server != null) {
            server.stop();
            if (current == server) {
                current = null;
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perMethod(context)) {
            startServer(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perMethod(context)) {
            stopServer(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perMethod(context) || find(context) == null) {
            startServer(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // Only stops what was started for this method (per-method mode, or a lazily started instance extension).
        if (context.getStore(STORE).get(LibsqlTestServer.class, LibsqlTestServer.class) != null
                && (perMethod(context)
                        || context.getParent().map(p -> find(p) == null).orElse(true))) {
            stopServer(context);
        }
    }

    private static LibsqlTestServer find(ExtensionContext context) {
        return context.getStore(STORE).get(LibsqlTestServer.class, LibsqlTestServer.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LibsqlTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        LibsqlTestServer server = find(extensionContext);
        if (server == null && perMethod(extensionContext)) {
            throw new ParameterResolutionException(
                    "a per-method libSQL test server exists only in test methods and @BeforeEach/@AfterEach");
        }
        if (server == null) {
            server = startServer(extensionContext);
        }
        return server;
    }
}
