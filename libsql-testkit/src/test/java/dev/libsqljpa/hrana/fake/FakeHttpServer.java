package dev.libsqljpa.hrana.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP/1.1 server on a raw socket, so tests control every byte: complete answers,
 * bodies cut short, connections dropped without an answer, answers that never come. Records every
 * request (method, path, headers, body) and the peak number of requests handled at once.
 */
public final class FakeHttpServer implements AutoCloseable {

    /** A request as the server saw it. Header names are lower case. */
    public record Request(int connection, String method, String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the server does with a request. */
    public sealed interface Reply permits Respond, Truncate, Stall, Drop, Hang {}

    /** A complete answer. */
    public record Respond(int status, String contentType, byte[] body, Map<String, String> headers) implements Reply {}

    /** Status line, headers with a Content-Length larger than the body, part of the body, then close. */
    public record Truncate(int status, byte[] partialBody, int declaredLength) implements Reply {}

    /** Status line, headers and part of the body, then nothing more (until the server is closed). */
    public record Stall(int status, byte[] partialBody, int declaredLength) implements Reply {}

    /** Close the connection without answering. */
    public record Drop() implements Reply {}

    /** Never answer (until the server is closed). */
    public record Hang() implements Reply {}

    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request) throws Exception;
    }

    public static Reply json(int status, String body) {
        return new Respond(status, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply json(int status, byte[] body) {
        return new Respond(status, "application/json", body, Map.of());
    }

    public static Reply text(int status, String contentType, String body) {
        return new Respond(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply withHeader(Reply reply, String name, String value) {
        Respond r = (Respond) reply;
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, value);
        return new Respond(r.status(), r.contentType(), r.body(), headers);
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<Throwable> serverErrors = new CopyOnWriteArrayList<>();

    private FakeHttpServer(int port, Handler handler) throws IOException {
        this.handler = handler;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::acceptLoop, "fake-http-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FakeHttpServer start(Handler handler) throws IOException {
        return new FakeHttpServer(0, handler);
    }

    /** Starts on a given loopback port (for tests that first need nothing listening there). */
    public static FakeHttpServer start(int port, Handler handler) throws IOException {
        return new FakeHttpServer(port, handler);
    }

    /** A loopback port that nothing listens on right now. */
    public static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    public int connections() {
        return connections.get();
    }

    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Failures inside the fake itself (a handler that threw, a malformed request). */
    public List<Throwable> serverErrors() {
        return List.copyOf(serverErrors);
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        serverSocket.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    serverErrors.add(e);
                }
                return;
            }
            sockets.add(socket);
            int id = connections.incrementAndGet();
            Thread t = new Thread(() -> serve(socket, id), "fake-http-conn-" + id);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = readRequest(in, id);
                if (request == null) {
                    return;
                }
                requests.add(request);
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    Reply reply = handler.handle(request);
                    if (!write(reply, out)) {
                        return;
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        } catch (SocketException closed) {
            // The client or close() ended the connection: normal for dropped and timed-out exchanges.
            return;
        } catch (Exception e) {
            serverErrors.add(e);
        }
    }

    /** Writes the reply; returns whether the connection stays open for another request. */
    private boolean write(Reply reply, OutputStream out) throws IOException, InterruptedException {
        if (reply instanceof Respond r) {
            StringBuilder head = new StringBuilder();
            head.append("HTTP/1.1 ")
                    .append(r.status())
                    .append(' ')
                    .append(reason(r.status()))
                    .append("\r\n");
            if (r.contentType() != null) {
                head.append("Content-Type: ").append(r.contentType()).append("\r\n");
            }
            for (Map.Entry<String, String> h : r.headers().entrySet()) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(r.body());
            out.flush();
            return true;
        }
        if (reply instanceof Truncate t) {
            String head = "HTTP/1.1 " + t.status() + " " + reason(t.status()) + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + t.declaredLength() + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(t.partialBody());
            out.flush();
            return false;
        }
        if (reply instanceof Stall t) {
            String head = "HTTP/1.1 " + t.status() + " " + reason(t.status()) + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + t.declaredLength() + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(t.partialBody());
            out.flush();
            closing.await();
            return false;
        }
        if (reply instanceof Drop) {
            return false;
        }
        if (reply instanceof Hang) {
            closing.await();
            return false;
        }
        throw new AssertionError(reply);
    }

    private static String reason(int status) {
        return status == 200 ? "OK" : "Status";
    }

    private static Request readRequest(InputStream in, int connection) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("bad request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.merge(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body = new byte[0];
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        }
        return new Request(connection, parts[0], parts[1], headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
