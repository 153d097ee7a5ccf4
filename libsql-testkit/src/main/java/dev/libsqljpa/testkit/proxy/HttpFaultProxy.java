package dev.libsqljpa.testkit.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A loopback HTTP/1.1 forwarding proxy for fault tests: put it between a client and a server (the
 * testkit, {@code tursodb}) and script what goes wrong on the wire.
 *
 * <pre>{@code
 * try (HttpFaultProxy proxy = HttpFaultProxy.start(server.uri())) {
 *     String url = "jdbc:libsql:" + proxy.uri();
 *     proxy.failWhen(r -> r.bodyContains("COMMIT"), Fault.DROP_AFTER_FORWARD);
 *     ...
 *     assertThat(proxy.requests()).isEqualTo(2);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Towards the client it keeps connections alive (HTTP/1.1 keep-alive, unless the client sends
 *       {@code Connection: close}); towards the target it opens one connection per request and sends
 *       {@code Connection: close}, so the target's own connection handling never matters.</li>
 *   <li>Request and response bodies are read completely ({@code Content-Length} or chunked) and passed on
 *       with a {@code Content-Length}. Hop-by-hop headers are not passed on; everything else is, including
 *       {@code Authorization} (never logged, never in {@code toString}).</li>
 *   <li>Only {@code http} targets on a loopback address are accepted; the proxy listens on
 *       {@code 127.0.0.1} only.</li>
 *   <li>A target that cannot be reached is answered with 502 {@code text/plain}.</li>
 *   <li>Faults: {@link #failNext(Fault)} queues faults for the next requests in order;
 *       {@link #failWhen(Predicate, Fault)} fires on the first request that matches (rules are checked
 *       before the queue). {@link Fault} says which faults reach the target.</li>
 * </ul>
 *
 * <p>Thread-safe. Counters are exact: {@link #requests()} counts every complete request read from a
 * client, faulted or not.
 */
public final class HttpFaultProxy implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "content-length",
            "host");

    private final URI target;
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final URI uri;

    private final ExecutorService workers;
    private final Thread acceptor;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<Socket, AtomicBoolean> clients = new ConcurrentHashMap<>();
    /** How long {@link #refuseConnections(boolean)} lets answers being written finish (see there). */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong faultsInjected = new AtomicLong();
    private final AtomicLong stallsEndedByClient = new AtomicLong();

    private final Deque<Fault> queued = new ArrayDeque<>();
    private final List<Rule> rules = new ArrayList<>();
    private volatile Duration delayEachWay = Duration.ZERO;
    private volatile boolean keepAlive = true;

    private ServerSocket listener;
    /** The listener the acceptor thread is blocked in, guarded by this. */
    private ServerSocket accepting;

    private record Rule(Predicate<ProxiedRequest> when, Fault fault, AtomicInteger remaining) {}

    private HttpFaultProxy(URI target) throws IOException {
        this.target = target;
        this.targetHost = target.getHost();
        this.targetPort = target.getPort() == -1 ? 80 : target.getPort();
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        this.uri = URI.create("http://127.0.0.1:" + port + path);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http-fault-proxy-" + port + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "http-fault-proxy-" + port + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy on a free port of {@code 127.0.0.1} forwarding to {@code target}.
     *
     * @param target {@code http://<loopback host>:<port>[/path]}; the path is kept in {@link #uri()}
     * @throws IllegalArgumentException when the target is not plain HTTP on a loopback address
     * @throws IllegalStateException when the port cannot be bound
     */
    public static HttpFaultProxy start(URI target) {
        Objects.requireNonNull(target, "target");
        if (!"http".equals(target.getScheme()) || target.getHost() == null) {
            throw new IllegalArgumentException("The proxy forwards to http://<loopback host>:<port> only: " + target);
        }
        try {
            if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(
                        "The proxy forwards to loopback addresses only: " + target.getHost());
            }
            return new HttpFaultProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start the proxy for " + target.getHost() + ":" + target.getPort(), e);
        }
    }

    /** The proxy's base URL: {@code http://127.0.0.1:<port>} plus the target's path. */
    public URI uri() {
        return uri;
    }

    /** The target this proxy forwards to. */
    public URI target() {
        return target;
    }

    /** The proxy's port (stable across {@link #refuseConnections(boolean)}). */
    public int port() {
        return port;
    }

    /** Complete HTTP requests read from clients (faulted ones included). */
    public long requests() {
        return requests.get();
    }

    /** Client connections accepted. */
    public long connections() {
        return connections.get();
    }

    /** Bytes read from clients (request lines, headers, bodies as they came on the wire). */
    public long bytesUp() {
        return bytesUp.get();
    }

    /** Bytes written to clients (status lines, headers, bodies). */
    public long bytesDown() {
        return bytesDown.get();
    }

    /** Requests written completely to the target. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Faults that fired. */
    public long faultsInjected() {
        return faultsInjected.get();
    }

    /**
     * Stalled answers ({@link Fault#stallAfter(int)}) whose connection the client closed or reset (it gave up
     * waiting and aborted the exchange).
     */
    public long stallsEndedByClient() {
        return stallsEndedByClient.get();
    }

    /** Zeroes every counter; scripted faults stay. */
    public void reset() {
        requests.set(0);
        connections.set(0);
        bytesUp.set(0);
        bytesDown.set(0);
        forwarded.set(0);
        faultsInjected.set(0);
        stallsEndedByClient.set(0);
    }

    /** Delay added before forwarding each request and again before answering (round trip + 2·delay). */
    public HttpFaultProxy delayEachWay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        this.delayEachWay = delay;
        return this;
    }

    /**
     * {@code false}: every answer says {@code Connection: close} and the proxy closes the client connection
     * after it, so clients never reuse a connection (no request is ever sent on a connection the proxy has
     * just closed, e.g. by {@link #refuseConnections(boolean)}). Default true.
     */
    public HttpFaultProxy keepAlive(boolean on) {
        this.keepAlive = on;
        return this;
    }

    /**
     * {@code true}: the port is closed (new connections are refused by the OS) and idle client connections
     * are closed; busy ones get up to 500 ms to finish their answer and are then closed as idle, or, if
     * still busy (a stalled answer), once their answer is written; the target keeps running with its state.
     * {@code false}: the same port accepts again.
     */
    public synchronized HttpFaultProxy refuseConnections(boolean refuse) {
        if (closed.get()) {
            throw new IllegalStateException("proxy closed");
        }
        if (refuse && listener != null) {
            ServerSocket old = listener;
            closeQuietly(old);
            listener = null;
            // A blocked accept() keeps the port listening until the kernel wakes it: wait for that.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (accepting == old) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the accepting thread did not release port " + port);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while closing port " + port, e);
                }
            }
            // A connection is busy from its request line until its answer is written; the client may hold the
            // whole answer a moment before the serving thread marks it idle, and send its next request over it.
            // Give answers being written a moment to finish, so those connections close as idle ones.
            long settle = System.nanoTime() + SETTLE_NANOS;
            while (anyBusy() && settle - System.nanoTime() > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, settle - System.nanoTime());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (Map.Entry<Socket, AtomicBoolean> e : clients.entrySet()) {
                if (!e.getValue().get()) {
                    closeQuietly(e.getKey());
                } else {
                    // Busy: its answer may already be complete at the client, which may send the next
                    // request at once. Its thread writes the answer in progress, then reads end of input
                    // and closes it.
                    shutdownInputQuietly(e.getKey());
                }
            }
        } else if (!refuse && listener == null) {
            try {
                listener = bind(port);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot listen on port " + port + " again", e);
            }
            notifyAll();
        }
        return this;
    }

    /** Applies {@code fault} to the next request that no {@link #failWhen} rule takes (queued in order). */
    public synchronized HttpFaultProxy failNext(Fault fault) {
        queued.addLast(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Applies {@code fault} to the first later request matching {@code when}, once. */
    public HttpFaultProxy failWhen(Predicate<ProxiedRequest> when, Fault fault) {
        return failWhen(when, fault, 1);
    }

    /** Applies {@code fault} to the next {@code times} requests matching {@code when}. */
    public synchronized HttpFaultProxy failWhen(Predicate<ProxiedRequest> when, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        rules.add(new Rule(
                Objects.requireNonNull(when, "when"),
                Objects.requireNonNull(fault, "fault"),
                new AtomicInteger(times)));
        return this;
    }

    /** Forgets scripted faults that have not fired. */
    public synchronized HttpFaultProxy clearFaults() {
        queued.clear();
        rules.clear();
        return this;
    }

    /** Scripted faults that have not fired yet (queued plus remaining rule firings). */
    public synchronized int pendingFaults() {
        return queued.size() + rules.stream().mapToInt(r -> r.remaining().get()).sum();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closedLatch.countDown();
        synchronized (this) {
            if (listener != null) {
                closeQuietly(listener);
                listener = null;
            }
            notifyAll();
        }
        clients.keySet().forEach(HttpFaultProxy::closeQuietly);
        upstreams.forEach(HttpFaultProxy::closeQuietly);
        workers.shutdownNow();
        try {
            acceptor.join(5_000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "HttpFaultProxy[" + uri + " -> " + targetHost + ":" + targetPort + ", requests=" + requests
                + ", connections=" + connections + "]";
    }

    // ---------------------------------------------------------------------------------------------------

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    private synchronized ServerSocket awaitListener() throws InterruptedException {
        accepting = null;
        notifyAll();
        while (listener == null && !closed.get()) {
            wait();
        }
        accepting = closed.get() ? null : listener;
        return accepting;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            ServerSocket l;
            try {
                l = awaitListener();
            } catch (InterruptedException e) {
                return;
            }
            if (l == null) {
                return;
            }
            Socket s;
            try {
                s = l.accept();
            } catch (IOException e) {
                continue; // listener closed by refuseConnections(true) or close()
            }
            connections.incrementAndGet();
            AtomicBoolean busy = new AtomicBoolean();
            clients.put(s, busy);
            try {
                workers.execute(() -> serve(s, busy));
            } catch (RuntimeException rejected) {
                clients.remove(s);
                closeQuietly(s);
            }
        }
    }

    private boolean anyBusy() {
        for (AtomicBoolean busy : clients.values()) {
            if (busy.get()) {
                return true;
            }
        }
        return false;
    }

    private void serve(Socket client, AtomicBoolean busy) {
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (!closed.get()) {
                Incoming req = readRequest(in, busy);
                if (req == null) {
                    return;
                }
                requests.incrementAndGet();
                bytesUp.addAndGet(req.wireBytes());
                Fault fault = pickFault(req.view());
                if (fault != null) {
                    faultsInjected.incrementAndGet();
                }
                pause(delayEachWay);
                if (!handle(client, out, req, fault)) {
                    return;
                }
                busy.set(false);
                synchronized (this) {
                    notifyAll(); // refuseConnections may wait for this connection to become idle
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or sent something that is not HTTP: drop the connection.
        } finally {
            clients.remove(client);
        }
    }

    /** Returns whether the client connection stays open. */
    private boolean handle(Socket client, OutputStream out, Incoming req, Fault fault) throws IOException {
        boolean keepAlive = this.keepAlive && req.keepAlive();
        if (fault != null && !fault.forwards()) {
            switch (fault.kind()) {
                case DROP_BEFORE_FORWARD:
                    return false;
                case RESET:
                    client.setSoLinger(true, 0);
                    return false;
                case HTTP_500_HTML:
                    write(
                            out,
                            new Outgoing(
                                    500,
                                    "Internal Server Error",
                                    List.<String[]>of(header("Content-Type", "text/html; charset=utf-8")),
                                    bytes("<!DOCTYPE html><html><head><title>500 Internal "
                                            + "Server Error</title></head><body><h1>Internal Server Error</h1><p>The gateway "
                                            + "failed.</p></body></html>")),
                            keepAlive,
                            -1);
                    return keepAlive;
                case HTTP_502:
                    write(out, text(502, "Bad Gateway"), keepAlive, -1);
                    return keepAlive;
                case HTTP_503:
                    write(out, text(503, "Service Unavailable"), keepAlive, -1);
                    return keepAlive;
                case HTTP_429:
                    write(
                            out,
                            new Outgoing(
                                    429,
                                    "Too Many Requests",
                                    List.<String[]>of(
                                            header("Content-Type", "application/json"),
                                            header("Retry-After", Integer.toString(fault.retryAfterSeconds()))),
                                    bytes("{\"error\":\"Too many requests\"}")),
                            keepAlive,
                            -1);
                    return keepAlive;
                case HTTP_401:
                    write(
                            out,
                            new Outgoing(
                                    401,
                                    "Unauthorized",
                                    List.<String[]>of(header("Content-Type", "application/json")),
                                    bytes("{\"error\":\"Unauthorized\"}")),
                            keepAlive,
                            -1);
                    return keepAlive;
                default:
                    throw new IllegalStateException("unhandled fault " + fault);
            }
        }
        Outgoing answer = forward(req);
        pause(delayEachWay);
        if (fault == null) {
            write(out, answer, keepAlive, -1);
            return keepAlive;
        }
        switch (fault.kind()) {
            case DROP_AFTER_FORWARD:
                return false;
            case TRUNCATED_BODY:
                write(out, answer, false, answer.body().length / 2);
                return false;
            case GARBAGE_JSON:
                write(
                        out,
                        new Outgoing(
                                200,
                                "OK",
                                List.<String[]>of(header("Content-Type", "application/json")),
                                bytes(
                                        "{\"baton\":\"x\",\"results\":[{\"type\":\"ok\",\"response\":<html>garbage\u0000")),
                        keepAlive,
                        -1);
                return keepAlive;
            case WRONG_SHAPE_JSON:
                write(
                        out,
                        new Outgoing(
                                200,
                                "OK",
                                List.<String[]>of(header("Content-Type", "application/json")),
                                bytes("{\"baton\":null,\"base_url\":null,\"results\":{\"type\":\"ok\"}}")),
                        keepAlive,
                        -1);
                return keepAlive;
            case SLOW:
                pause(fault.delay());
                write(out, answer, keepAlive, -1);
                return keepAlive;
            case STALL:
                write(out, answer, false, Math.min(fault.bodyBytes(), answer.body().length));
                awaitClientEnd(client);
                return false;
            default:
                throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    /** Blocks until the client closes or resets the connection (or the proxy closes), counting the former. */
    private void awaitClientEnd(Socket client) {
        try {
            while (client.getInputStream().read() != -1) {
                // A client that sends more while the answer stalls: keep ignoring it.
            }
            stallsEndedByClient.incrementAndGet();
        } catch (IOException e) {
            if (!closed.get()) {
                stallsEndedByClient.incrementAndGet(); // reset by the client
            }
        }
    }

    private synchronized Fault pickFault(ProxiedRequest view) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.when().test(view)) {
                if (rule.remaining().decrementAndGet() == 0) {
                    it.remove();
                }
                return rule.fault();
            }
        }
        return queued.pollFirst();
    }

    private void pause(Duration d) throws IOException {
        if (d.isZero()) {
            return;
        }
        try {
            // Returns early when the proxy closes; a scripted delay, not a wait for a condition.
            closedLatch.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    // --- upstream ---------------------------------------------------------------------------------------

    private Outgoing forward(Incoming req) throws IOException {
        Socket up = new Socket();
        upstreams.add(up);
        try (up) {
            try {
                up.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                return text(502, "Bad Gateway: the proxy cannot reach its target");
            }
            up.setTcpNoDelay(true);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ascii(head, req.method() + " " + req.path() + " HTTP/1.1\r\n");
            ascii(head, "Host: " + targetHost + ":" + targetPort + "\r\n");
            for (String[] h : req.headers()) {
                if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) {
                    ascii(head, h[0] + ": " + h[1] + "\r\n");
                }
            }
            if (req.body().length > 0 || !"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
                ascii(head, "Content-Length: " + req.body().length + "\r\n");
            }
            ascii(head, "Connection: close\r\n\r\n");
            OutputStream upOut = up.getOutputStream();
            try {
                upOut.write(head.toByteArray());
                upOut.write(req.body());
                upOut.flush();
            } catch (IOException e) {
                return text(502, "Bad Gateway: the target closed the connection");
            }
            forwarded.incrementAndGet();
            InputStream upIn = new BufferedInputStream(up.getInputStream());
            try {
                return readResponse(upIn, "HEAD".equals(req.method()));
            } catch (IOException e) {
                if (closed.get()) {
                    throw e;
                }
                return text(502, "Bad Gateway: the target sent no complete answer");
            }
        } finally {
            upstreams.remove(up);
        }
    }

    private Outgoing readResponse(InputStream in, boolean head) throws IOException {
        Counter count = new Counter();
        String statusLine = readLine(in, count);
        if (statusLine == null) {
            throw new EOFException("no status line");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line");
        }
        int status = Integer.parseInt(parts[1]);
        String reason = parts.length == 3 ? parts[2] : "";
        List<String[]> headers = readHeaders(in, count);
        byte[] body;
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = readBody(in, headers, count, true);
        }
        List<String[]> kept = new ArrayList<>();
        for (String[] h : headers) {
            if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) {
                kept.add(h);
            }
        }
        return new Outgoing(status, reason, kept, body);
    }

    // --- client side ------------------------------------------------------------------------------------

    private record Incoming(
            String method, String path, String version, List<String[]> headers, byte[] body, long wireBytes) {
        boolean keepAlive() {
            String connection = headerValue(headers, "connection");
            if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
                return false;
            }
            if ("HTTP/1.0".equals(version)) {
                return connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
            }
            return true;
        }

        ProxiedRequest view() {
            Map<String, String> map = new LinkedHashMap<>();
            for (String[] h : headers) {
                map.put(h[0].toLowerCase(Locale.ROOT), h[1]);
            }
            return new ProxiedRequest(method, path, map, body);
        }
    }

    private record Outgoing(int status, String reason, List<String[]> headers, byte[] body) {}

    private static final class Counter {
        long n;
    }

    private static Incoming readRequest(InputStream in, AtomicBoolean busy) throws IOException {
        Counter count = new Counter();
        String line = readLine(in, count);
        while (line != null && line.isEmpty()) {
            line = readLine(in, count); // tolerate stray CRLF between requests
        }
        if (line == null) {
            return null;
        }
        busy.set(true);
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x request line");
        }
        List<String[]> headers = readHeaders(in, count);
        byte[] body = readBody(in, headers, count, false);
        return new Incoming(parts[0], parts[1], parts[2], headers, body, count.n);
    }

    private static List<String[]> readHeaders(InputStream in, Counter count) throws IOException {
        List<String[]> headers = new ArrayList<>();
        long start = count.n;
        while (true) {
            String line = readLine(in, count);
            if (line == null) {
                throw new EOFException("end of stream in headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (count.n - start > MAX_HEADER_BYTES) {
                throw new IOException("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line");
            }
            headers.add(new String[] {
                line.substring(0, colon).trim(), line.substring(colon + 1).trim()
            });
        }
    }

    private static byte[] readBody(InputStream in, List<String[]> headers, Counter count, boolean toEof)
            throws IOException {
        String te = headerValue(headers, "transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, count);
                if (sizeLine == null) {
                    throw new EOFException("end of stream in chunked body");
                }
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (true) { // trailers
                        String trailer = readLine(in, count);
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                body.write(readExactly(in, size, count));
                readLine(in, count);
            }
        }
        String length = headerValue(headers, "content-length");
        if (length != null) {
            return readExactly(in, Integer.parseInt(length.trim()), count);
        }
        if (!toEof) {
            return new byte[0];
        }
        byte[] rest = in.readAllBytes();
        count.n += rest.length;
        return rest;
    }

    private static byte[] readExactly(InputStream in, int n, Counter count) throws IOException {
        if (n < 0) {
            throw new IOException("negative length");
        }
        byte[] b = in.readNBytes(n);
        count.n += b.length;
        if (b.length != n) {
            throw new EOFException("body cut short: " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** A CRLF- (or LF-) terminated ISO-8859-1 line without its terminator; null at end of stream. */
    private static String readLine(InputStream in, Counter count) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            count.n++;
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() > MAX_HEADER_BYTES) {
                throw new IOException("line too long");
            }
            sb.append((char) c);
        }
        if (!any) {
            return null;
        }
        throw new EOFException("end of stream inside a line");
    }

    private static String headerValue(List<String[]> headers, String name) {
        String value = null;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                value = h[1];
            }
        }
        return value;
    }

    /** Writes an answer; {@code bodyBytes} &ge; 0 sends only that many body bytes (declared length stays). */
    private void write(OutputStream out, Outgoing answer, boolean keepAlive, int bodyBytes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ascii(buf, "HTTP/1.1 " + answer.status() + " " + answer.reason() + "\r\n");
        for (String[] h : answer.headers()) {
            ascii(buf, h[0] + ": " + h[1] + "\r\n");
        }
        ascii(buf, "Content-Length: " + answer.body().length + "\r\n");
        ascii(buf, "Connection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n");
        int n = bodyBytes < 0 ? answer.body().length : bodyBytes;
        buf.write(answer.body(), 0, n);
        byte[] bytes = buf.toByteArray();
        bytesDown.addAndGet(bytes.length); // counted first: the client may read the answer before write() returns
        out.write(bytes);
        out.flush();
    }

    private static Outgoing text(int status, String body) {
        String reason = switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
        return new Outgoing(
                status, reason, List.<String[]>of(header("Content-Type", "text/plain; charset=utf-8")), bytes(body));
    }

    private static String[] header(String name, String value) {
        return new String[] {name, value};
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void shutdownInputQuietly(Socket socket) {
        try {
            socket.shutdownInput();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort: the socket may already be gone
        }
    }
}
