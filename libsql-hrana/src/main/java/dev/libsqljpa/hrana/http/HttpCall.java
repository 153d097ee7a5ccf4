package dev.libsqljpa.hrana.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The pieces of one HTTP exchange that do not need the client: the complete answer, the body
 * subscriber that caps the response size while it is read, the classification of failures into
 * {@link HranaException} reasons, and the URI form used in messages. {@link HranaTransport#exchange}
 * runs the exchange itself.
 */
final class HttpCall {

    /**
     * A complete HTTP answer. The body is kept as the chunks it arrived in (each copied once from the
     * client's buffers): {@link #bodyStream()} reads them without joining, {@link #body()} joins them
     * (for the small bodies of error answers).
     */
    record Answer(int status, HttpHeaders headers, Body content) {
        Answer(int status, HttpHeaders headers, byte[] body) {
            this(status, headers, Body.of(body));
        }

        byte[] body() {
            return content.bytes();
        }

        InputStream bodyStream() {
            return content.stream();
        }
    }

    /** A body as a list of chunks. */
    record Body(List<byte[]> chunks, long length) {
        static Body of(byte[] bytes) {
            return new Body(bytes == null ? List.of() : List.of(bytes), bytes == null ? 0 : bytes.length);
        }

        byte[] bytes() {
            if (chunks.size() == 1) {
                return chunks.get(0);
            }
            byte[] all = new byte[Math.toIntExact(length)];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            return all;
        }

        InputStream stream() {
            if (chunks.size() == 1) {
                return new ByteArrayInputStream(chunks.get(0));
            }
            return new SequenceInputStream(Collections.enumeration(
                    chunks.stream().map(ByteArrayInputStream::new).toList()));
        }
    }

    private HttpCall() {}

    /** An answer whose body is still arriving: read it from {@code body}, then close it. */
    record StreamingAnswer(int status, HttpHeaders headers, InputStream body) {}

    /**
     * An {@link Error} raised while the answer was read (typically {@link OutOfMemoryError} in the
     * client's thread while it collected a large body) is rethrown as it is, in the caller's thread:
     * it says nothing about the connection and must not be reported as a connection failure.
     */
    static void rethrowError(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof Error error) {
                throw error;
            }
            if (c.getCause() == c) {
                return;
            }
        }
    }

    static HranaException closedWhileWaiting(String where, Throwable cause) {
        return new HranaException(
                HranaException.Reason.CLOSED,
                "The Hrana transport was closed while waiting for" + " the answer from " + where
                        + "; the server may have processed the request",
                true,
                cause);
    }

    static HranaException classify(Throwable failure, String where, long maxResponseBytes) {
        Throwable t = failure;
        // Look through wrappers for the most specific known failure.
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof ResponseTooLargeException
                    || c instanceof HttpConnectTimeoutException
                    || c instanceof ConnectException
                    || c instanceof UnresolvedAddressException
                    || c instanceof HttpTimeoutException) {
                t = c;
                break;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (t instanceof ResponseTooLargeException) {
            return new HranaException(
                    HranaException.Reason.MALFORMED_RESPONSE,
                    "The answer from " + where + " is larger than the limit of " + maxResponseBytes
                            + " bytes; the server may have processed the request",
                    0,
                    null,
                    true,
                    null,
                    t);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new HranaException(HranaException.Reason.CONNECT, "Timed out connecting to " + where, false, t);
        }
        if (t instanceof ConnectException || t instanceof UnresolvedAddressException) {
            return new HranaException(
                    HranaException.Reason.CONNECT, "Could not connect to " + where + ": " + describe(t), false, t);
        }
        if (t instanceof HttpTimeoutException) {
            return new HranaException(
                    HranaException.Reason.TIMEOUT,
                    "No answer from " + where + " in time; the server may still process the request",
                    true,
                    t);
        }
        return new HranaException(
                HranaException.Reason.IO,
                "The connection to " + where + " failed after the request was sent"
                        + " (the server may have processed it): " + describe(t),
                true,
                t);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /**
     * The one form in which libsql-hrana echoes a URL (messages, {@code toString}): scheme, host, port and
     * path; never user info, query, fragment or {@code ;} parameters (a path's {@code ;…} tail becomes
     * {@code …}). A URI without a parsable host shows {@code <no host>} rather than its raw authority.
     */
    static String redact(URI uri) {
        if (uri == null) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(uri.getScheme()).append("://").append(uri.getHost() == null ? "<no host>" : uri.getHost());
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        if (path != null) {
            int semicolon = path.indexOf(';');
            sb.append(semicolon < 0 ? path : path.substring(0, semicolon) + "…");
        }
        return sb.toString();
    }

    static HttpResponse.BodySubscriber<Body> cappedBody(HttpResponse.ResponseInfo info, long max) {
        OptionalLong declared = info.headers().firstValueAsLong("content-length");
        if (declared.isPresent() && declared.getAsLong() > max) {
            return new TooLarge(max);
        }
        return new Capped(max);
    }

    /** Thrown (through the future) when the body passes the cap. */
    static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long max) {
            super("response larger than " + max + " bytes");
        }
    }

    /** Rejects a body whose declared length is over the cap without reading it. */
    private static final class TooLarge implements HttpResponse.BodySubscriber<Body> {
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final long max;

        TooLarge(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            result.completeExceptionally(new ResponseTooLargeException(max));
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // Cancelled in onSubscribe; late items are dropped.
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.completeExceptionally(new ResponseTooLargeException(max));
        }
    }

    /** Collects the body into memory as a list of chunks and fails once it passes the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<Body> {
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final List<byte[]> chunks = new ArrayList<>();
        private long size;
        private final long max;
        private Flow.Subscription subscription;

        Capped(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : items) {
                int n = buffer.remaining();
                if (size + n > max) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(max));
                    return;
                }
                if (n == 0) {
                    continue;
                }
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                chunks.add(chunk);
                size += n;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(chunks, size));
        }
    }
}
