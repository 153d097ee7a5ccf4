package dev.libsqljpa.hrana.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fake servers a test starts ({@code @RegisterExtension}): each is closed after the test (after the
 * test's own {@code @AfterEach}), and the test fails if any of them failed inside.
 */
public final class FakeServers implements AfterEachCallback {

    private final List<FakeHttpServer> servers = new CopyOnWriteArrayList<>();

    /** Starts a server on a free port. */
    public FakeHttpServer serve(FakeHttpServer.Handler handler) throws Exception {
        return keep(FakeHttpServer.start(handler));
    }

    /** Starts a server on {@code port}. */
    public FakeHttpServer serve(int port, FakeHttpServer.Handler handler) throws Exception {
        return keep(FakeHttpServer.start(port, handler));
    }

    private FakeHttpServer keep(FakeHttpServer server) {
        servers.add(server);
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (FakeHttpServer server : servers) {
            server.close();
            assertThat(server.serverErrors())
                    .describedAs("errors inside the fake server")
                    .isEmpty();
        }
        servers.clear();
    }
}
