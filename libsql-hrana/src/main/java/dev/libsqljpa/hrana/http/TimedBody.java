package dev.libsqljpa.hrana.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of an answer that is read while it arrives (cursor answers, streamed pipeline answers),
 * with a deadline on every read that has to wait for the network: the client's threads put the
 * body's chunks into a queue, and the reading {@link InputStream} polls that queue with the read
 * timeout. When a wait passes the timeout the read fails with {@link BodyReadTimeoutException} and
 * the subscription is cancelled, which makes the JDK abort the exchange and close its connection.
 *
 * <p>Look-ahead is bounded: one more chunk list is requested only once the reader takes the previous
 * one, so at most two of the client's chunk lists are held. {@link InputStream#close()} before the end
 * cancels the exchange too (the rest of the body is never read) and wakes a reader blocked in another
 * thread. The time the caller spends between reads does not count.
 */
final class TimedBody implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();
    private static final Object CLOSED = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = new CompletableFuture<>();
    private final long readTimeoutNanos;
    private final String where;
    private volatile Flow.Subscription subscription;

    TimedBody(long readTimeoutNanos, String where) {
        this.readTimeoutNanos = readTimeoutNanos;
        this.where = where;
        body.complete(new Reader());
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** The reading side; used by one thread at a time, closable from any thread. */
    private final class Reader extends InputStream {
        private Iterator<ByteBuffer> chunks = List.<ByteBuffer>of().iterator();
        private ByteBuffer current;
        private boolean ended;
        private volatile boolean closed;
        private IOException failure;

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return current.get() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return current == null ? 0 : current.remaining();
        }

        /** Makes {@code current} non-empty; false at the end of the body. */
        private boolean fill() throws IOException {
            while (current == null || !current.hasRemaining()) {
                if (closed) {
                    throw new IOException("the answer from " + where + " was closed");
                }
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return false;
                }
                if (chunks.hasNext()) {
                    current = chunks.next();
                    continue;
                }
                take();
            }
            return true;
        }

        @SuppressWarnings("unchecked")
        private void take() throws IOException {
            Object item;
            try {
                item = queue.poll(readTimeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                InterruptedIOException interrupted =
                        new InterruptedIOException("interrupted while reading the answer from " + where);
                failure = interrupted;
                throw interrupted;
            }
            if (item == null) {
                cancel();
                failure = new BodyReadTimeoutException(TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos), where);
                throw failure;
            }
            if (item == END) {
                ended = true;
            } else if (item == CLOSED) {
                queue.add(CLOSED); // for any later read
            } else if (item instanceof Throwable t) {
                HttpCall.rethrowError(t);
                failure = t instanceof IOException io ? io : new IOException(t.getMessage(), t);
                throw failure;
            } else {
                chunks = ((List<ByteBuffer>) item).iterator();
                subscription.request(1);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (!ended) {
                cancel();
            }
            queue.clear();
            queue.add(CLOSED);
        }
    }
}
