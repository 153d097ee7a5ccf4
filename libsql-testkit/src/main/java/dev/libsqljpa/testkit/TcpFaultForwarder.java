package dev.libsqljpa.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A minimal TCP forwarder between a client and a server, for commit-failure tests: it can refuse
 * connections (the port is closed, so nothing is sent), forward normally, or forward the request
 * and drop the answer (the server processed it, the client never learns the outcome). The server
 * keeps its state throughout. A stop-gap: to be replaced by the HTTP fault proxy of
 * {@code dev.libsqljpa.testkit.proxy} once that lands.
 */
public final class TcpFaultForwarder implements AutoCloseable {
    /** What happens to new connections. */
    public enum Mode {
        FORWARD,
        DROP_ANSWER
    }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong droppedAnswers = new AtomicLong();
    /** Sockets that failed or were closed under a pump (expected whenever a connection ends). */
    private final AtomicLong socketErrors = new AtomicLong();

    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket listener;

    /** Starts forwarding from a free loopback port to the target's host and port. */
    public TcpFaultForwarder(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        ServerSocket first = new ServerSocket();
        first.setReuseAddress(true);
        first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.port = first.getLocalPort();
        listen(first);
    }

    /** The forwarder's address as {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** TCP connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /** Answers dropped in {@link Mode#DROP_ANSWER}. */
    public long droppedAnswers() {
        return droppedAnswers.get();
    }

    /** Closes the port and every open connection: new connections are refused, nothing is sent. */
    public synchronized void refuse() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
            awaitRefused();
        }
        dropLive();
    }

    /**
     * Waits until the port refuses connections: closing a listener that a thread is blocked on
     * completes only when that thread leaves {@code accept}, and a connection arriving meanwhile
     * would be accepted by the kernel and then reset (which looks like "sent, answer lost").
     */
    private void awaitRefused() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException stillClosing) {
                socketErrors.incrementAndGet(); // accepted by the closing listener, then reset
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("port " + port + " still accepts connections after refuse()");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Opens the port again (if refused) and forwards new connections in the given mode. */
    public synchronized void accept(Mode newMode) throws IOException {
        mode = newMode;
        dropLive();
        if (listener == null) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listen(socket);
        }
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "fault-forwarder-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket();
                Mode current;
                synchronized (this) {
                    if (listener != socket) {
                        // refuse() ran while this connection was being accepted: it must not get through
                        closeQuietly(client);
                        return;
                    }
                    connections.incrementAndGet();
                    live.add(client);
                    live.add(server);
                    current = mode;
                }
                server.connect(target);
                pump(client, server, false);
                pump(server, client, current == Mode.DROP_ANSWER, true);
            } catch (IOException e) {
                // the listener was closed (refuse()/close()) or the target is down: the client sees a reset
                socketErrors.incrementAndGet();
            }
        }
    }

    private void pump(Socket from, Socket to, boolean dropAnswer) {
        pump(from, to, dropAnswer, false);
    }

    /**
     * Relays one direction. Answers ({@code answers}) get {@code Connection: close}, so the client
     * never reuses a connection: a refused port then always means "nothing was sent".
     */
    private void pump(Socket from, Socket to, boolean dropAnswer, boolean answers) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        if (answers && !dropAnswer && !relayHeadersClosing(in, out)) {
                            return;
                        }
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (dropAnswer) {
                                // The server has answered, so it processed the request: lose the answer.
                                droppedAnswers.incrementAndGet();
                                break;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        socketErrors.incrementAndGet(); // the other side closed
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "fault-forwarder-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    /** Copies the answer's header block with any Connection header replaced by "Connection: close". */
    private static boolean relayHeadersClosing(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        if (matched < 4) {
            return false;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        StringBuilder rewritten = new StringBuilder();
        for (String line : lines) {
            if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                rewritten.append(line).append("\r\n");
            }
        }
        rewritten.append("Connection: close\r\n\r\n");
        out.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    private void dropLive() {
        for (Socket socket : live) {
            closeQuietly(socket);
        }
        live.clear();
    }

    private void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            socketErrors.incrementAndGet(); // closing anyway
        }
    }

    @Override
    public synchronized void close() throws IOException {
        refuse();
    }
}
