package dev.libsqljpa.hrana.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
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

    /** A complete HTTP answer. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    private HttpCall() {
    }

    static HranaException closedWhileWaiting(String where, Throwable cause) {
        return new HranaException(HranaException.Reason.CLOSED, "The Hrana transport was closed while waiting for"
                + " the answer from " + where + "; the server may have processed the request", true, cause);
    }

    static HranaException classify(Throwable failure, String where, long maxResponseBytes) {
        Throwable t = failure;
        // Look through wrappers for the most specific known failure.
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof ResponseTooLargeException || c instanceof HttpConnectTimeoutException
                    || c instanceof ConnectException || c instanceof UnresolvedAddressException
                    || c instanceof HttpTimeoutException) {
                t = c;
                break;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (t instanceof ResponseTooLargeException) {
            return new HranaException(HranaException.Reason.MALFORMED_RESPONSE,
                    "The answer from " + where + " is larger than the limit of " + maxResponseBytes
                            + " bytes; the server may have processed the request", 0, null, true, null, t);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new HranaException(HranaException.Reason.CONNECT,
                    "Timed out connecting to " + where, false, t);
        }
        if (t instanceof ConnectException || t instanceof UnresolvedAddressException) {
            return new HranaException(HranaException.Reason.CONNECT,
                    "Could not connect to " + where + ": " + describe(t), false, t);
        }
        if (t instanceof HttpTimeoutException) {
            return new HranaException(HranaException.Reason.TIMEOUT,
                    "No answer from " + where + " in time; the server may still process the request", true, t);
        }
        return new HranaException(HranaException.Reason.IO,
                "The connection to " + where + " failed after the request was sent"
                        + " (the server may have processed it): " + describe(t), true, t);
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

    static HttpResponse.BodySubscriber<byte[]> cappedBody(HttpResponse.ResponseInfo info, long max) {
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
    private static final class TooLarge implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final long max;

        TooLarge(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
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

    /** Collects the body into memory and fails once it passes the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final long max;
        private Flow.Subscription subscription;

        Capped(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
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
                if ((long) out.size() + n > max) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(max));
                    return;
                }
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                out.write(chunk, 0, n);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
