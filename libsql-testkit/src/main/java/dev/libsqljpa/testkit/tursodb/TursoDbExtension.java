package dev.libsqljpa.testkit.tursodb;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link TursoDbServer} and injects it into test, lifecycle and
 * constructor parameters of type {@code TursoDbServer}.
 *
 * <pre>{@code
 * @ExtendWith(TursoDbExtension.class)              // one server per test class
 * class MyTest {
 *     @Test void works(TursoDbServer tursodb) { ... tursodb.url() ... }
 * }
 *
 * @RegisterExtension                                 // a fresh server (and database) per test method
 * static TursoDbExtension tursodb = TursoDbExtension.perMethod();
 * }</pre>
 *
 * <p>tursodb runs one engine connection for all clients, so tests sharing a server see each
 * other's open transactions and tables: per class, create and drop your own tables; use
 * {@link #perMethod()} when a test needs a pristine server (costs one process start).
 */
public final class TursoDbExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TursoDbExtension.class);
    private static final String KEY = "server";

    private final boolean perMethod;

    /** One server per test class (what {@code @ExtendWith(TursoDbExtension.class)} gives). */
    public TursoDbExtension() {
        this(false);
    }

    private TursoDbExtension(boolean perMethod) {
        this.perMethod = perMethod;
    }

    public static TursoDbExtension perClass() {
        return new TursoDbExtension(false);
    }

    public static TursoDbExtension perMethod() {
        return new TursoDbExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perMethod) {
            startIn(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perMethod) {
            closeIn(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perMethod) {
            startIn(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perMethod) {
            closeIn(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TursoDbServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // Store lookups fall back to the enclosing (class) context, so method parameters find a per-class server.
        TursoDbServer server = extensionContext.getStore(NAMESPACE).get(KEY, TursoDbServer.class);
        if (server == null) {
            throw new ParameterResolutionException("no tursodb server in this scope: with TursoDbExtension.perMethod() "
                    + "the server exists only for test methods, not for @BeforeAll or constructors");
        }
        return server;
    }

    private static void startIn(ExtensionContext context) {
        context.getStore(NAMESPACE).put(KEY, TursoDbServer.start());
    }

    private static void closeIn(ExtensionContext context) {
        TursoDbServer server = context.getStore(NAMESPACE).remove(KEY, TursoDbServer.class);
        if (server != null) {
            server.close();
        }
    }
}
