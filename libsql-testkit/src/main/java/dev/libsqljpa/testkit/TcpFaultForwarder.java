package dev.libsqljpa.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal TCP forwarder between a client and a server, for commit-failure tests: it can refuse
 * connections (the port is closed, so nothing is sent), forward normally, or forward the request
 * and drop the answer (the server processed it, the client never learns the outcome). The server
 * keeps its state throughout. A stop-gap: to be replaced by the HTTP fault proxy of
 * {@code dev.libsqljpa.testkit.proxy} once that lands.
 */
public final class TcpFaultForwarder implements AutoCloseable {
    /** What happens to new connections. */
    public enum Mode { FORWARD, DROP_ANSWER }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong droppedAnswers = new AtomicLong();
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
        }
        dropLive();
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
                pump(server, client, current == Mode.DROP_ANSWER);
            } catch (IOException e) {
                // the listener was closed (refuse()/close()) or the target is down: the client sees a reset
            }
        }
    }

    private void pump(Socket from, Socket to, boolean dropAnswer) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
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
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-forwarder-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void dropLive() {
        for (Socket socket : live) {
            closeQuietly(socket);
        }
        live.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public synchronized void close() throws IOException {
        refuse();
    }
}
