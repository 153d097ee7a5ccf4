package dev.libsqljpa.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.libsqljpa.testkit.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client sends its next request on a stream as soon as it has read the cursor's last entry. The
 * response body here hands that request to the server at the exact moment the last entry leaves it,
 * so the order of "stream released" and "last entry written" decides the answer, with no timing.
 */
class CursorReleaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerCore core = new ServerCore(new ServerConfig(
            0,
            null,
            null,
            Duration.ofSeconds(10),
            Duration.ofSeconds(300),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            100,
            100,
            10 << 20,
            10 << 20,
            Clock.systemUTC()));
    private final HttpFront front = new HttpFront(core, "test", () -> {});

    CursorReleaseTest() throws IOException {}

    @AfterEach
    void shutdown() {
        core.shutdown();
    }

    @Test
    void theNextRequestSentOnTheLastEntryOfACursorIsServed() throws Exception {
        Exchange open = post(
                "/v3/pipeline",
                null,
                "{\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":"
                        + "\"CREATE TABLE t(x)\"}},{\"type\":\"execute\",\"stmt\":{\"sql\":\"BEGIN\"}},"
                        + "{\"type\":\"execute\",\"stmt\":{\"sql\":\"INSERT INTO t VALUES (1)\"}}]}");
        assertThat(open.status).isEqualTo(200);

        Exchange[] both =
                cursorThenNext(batonOf(open), "SELECT x FROM t", "replication_index", "SELECT count(*) FROM t");

        assertThat(both[0].status).isEqualTo(200);
        List<String> types = both[0].text()
                .lines()
                .skip(1)
                .map(line -> {
                    try {
                        return JSON.readTree(line).get("type").asText();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(types).containsExactly("step_begin", "row", "step_end", "replication_index");
        assertThat(both[1].text())
                .describedAs("the request sent on the cursor's last entry, inside the open transaction")
                .startsWith("{\"baton\":\"")
                .contains("\"rows\":[[{\"type\":\"integer\",\"value\":\"1\"}]]");
        assertThat(both[1].status).isEqualTo(200);
    }

    @Test
    void aCursorEndingInABatchErrorLeavesItsStreamUsableForTheNextRequest() throws Exception {
        Exchange open =
                post("/v3/pipeline", null, "{\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"SELECT 1\"}}]}");

        Exchange[] both = cursorThenNext(batonOf(open), "SELEC 1", "error", "SELECT 2");

        assertThat(both[0].text().lines().toList())
                .describedAs("the head and one batch-level error")
                .hasSize(2);
        assertThat(both[1].status)
                .describedAs("the next request on the baton of a cursor that failed as a whole: %s", both[1].text())
                .isEqualTo(200);
    }

    private static String batonOf(Exchange answer) throws IOException {
        return JSON.readTree(answer.body.toByteArray()).get("baton").asText();
    }

    /**
     * Posts a cursor of {@code cursorSql} on {@code baton}; the moment its entry of type {@code lastType} has
     * left the server, posts {@code nextSql} on the cursor's new baton. Returns both exchanges.
     */
    private Exchange[] cursorThenNext(String baton, String cursorSql, String lastType, String nextSql)
            throws IOException {
        Exchange[] both = new Exchange[2];
        both[0] = post(
                "/v3/cursor",
                text -> {
                    if (both[1] == null && text.contains("\"type\":\"" + lastType + "\"")) {
                        String cursorBaton = JSON.readTree(
                                        text.lines().findFirst().orElseThrow())
                                .get("baton")
                                .asText();
                        both[1] = post(
                                "/v3/pipeline",
                                null,
                                "{\"baton\":\"" + cursorBaton + "\",\"requests\":["
                                        + "{\"type\":\"execute\",\"stmt\":{\"sql\":\"" + nextSql + "\"}}]}");
                    }
                },
                "{\"baton\":\"" + baton + "\",\"batch\":{\"steps\":[{\"stmt\":{\"sql\":\"" + cursorSql + "\"}}]}}");
        assertThat(both[1])
                .describedAs("a request was sent when the last entry left the server")
                .isNotNull();
        return both;
    }

    /** Called with all the answer's bytes that have left the server so far, each time more leave. */
    private interface Wire {
        void sent(String text) throws Exception;
    }

    private Exchange post(String path, Wire wire, String body) throws IOException {
        Exchange exchange = new Exchange(path, body, wire);
        front.handle(exchange);
        return exchange;
    }

    /** One request as the HTTP server hands it to the handler; the answer's bytes are kept. */
    private static final class Exchange extends HttpExchange {
        private final URI uri;
        private final Headers requestHeaders = new Headers();
        private final Headers responseHeaders = new Headers();
        private final InputStream requestBody;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final OutputStream responseBody;
        private int status = -1;

        Exchange(String path, String requestBody, Wire wire) {
            this.uri = URI.create(path);
            this.requestBody = new ByteArrayInputStream(requestBody.getBytes(StandardCharsets.UTF_8));
            this.responseBody = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    body.write(b, off, len);
                    if (wire != null) {
                        try {
                            wire.sent(text());
                        } catch (IOException | RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IOException(e);
                        }
                    }
                }
            };
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return uri;
        }

        @Override
        public String getRequestMethod() {
            return "POST";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {}

        @Override
        public InputStream getRequestBody() {
            return requestBody;
        }

        @Override
        public OutputStream getResponseBody() {
            return responseBody;
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) {
            status = rCode;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 2);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {}

        @Override
        public void setStreams(InputStream i, OutputStream o) {}

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
