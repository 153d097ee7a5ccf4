package dev.libsqljpa.testkit.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted failure of {@link HttpFaultProxy}, applied to one HTTP request.
 *
 * <p>Whether the target server saw the request is part of each fault's contract ({@link #forwards()}),
 * so a test can assert what the server holds afterwards:
 *
 * <table>
 *   <caption>Faults</caption>
 *   <tr><th>Fault</th><th>Forwarded</th><th>What the client sees</th></tr>
 *   <tr><td>{@link #DROP_BEFORE_FORWARD}</td><td>no</td><td>connection closed (FIN) after the request was read, no answer</td></tr>
 *   <tr><td>{@link #DROP_AFTER_FORWARD}</td><td>yes</td><td>connection closed (FIN), the server's answer is lost</td></tr>
 *   <tr><td>{@link #RESET}</td><td>no</td><td>TCP RST after the request was read, no answer</td></tr>
 *   <tr><td>{@link #HTTP_500_HTML}</td><td>no</td><td>500 with an HTML page (a gateway's error page)</td></tr>
 *   <tr><td>{@link #HTTP_502}, {@link #HTTP_503}</td><td>no</td><td>502 / 503 with a text body</td></tr>
 *   <tr><td>{@link #HTTP_429}, {@link #http429(int)}</td><td>no</td><td>429 {@code {"error":...}} with {@code Retry-After}</td></tr>
 *   <tr><td>{@link #HTTP_401}</td><td>no</td><td>401 {@code {"error":...}}</td></tr>
 *   <tr><td>{@link #TRUNCATED_BODY}</td><td>yes</td><td>the server's status and headers, half its body, then FIN</td></tr>
 *   <tr><td>{@link #GARBAGE_JSON}</td><td>yes</td><td>200, {@code application/json}, a body that is not JSON</td></tr>
 *   <tr><td>{@link #WRONG_SHAPE_JSON}</td><td>yes</td><td>200, valid JSON that is not a pipeline answer</td></tr>
 *   <tr><td>{@link #slow(Duration)}</td><td>yes, at once</td><td>the server's answer, held back for the duration</td></tr>
 *   <tr><td>{@link #stallAfter(int)}</td><td>yes</td><td>the server's status and headers (its full {@code Content-Length}) and
 *       the first bytes of its body, then nothing: the connection stays open until the client closes it
 *       (counted by {@link HttpFaultProxy#stallsEndedByClient()}) or the proxy closes</td></tr>
 * </table>
 *
 * @param kind what happens
 * @param delay the hold-back of {@link Kind#SLOW}, else zero
 * @param retryAfterSeconds the {@code Retry-After} of {@link Kind#HTTP_429}, else -1
 * @param bodyBytes the body bytes {@link Kind#STALL} passes on before it stalls, else -1
 */
public record Fault(Kind kind, Duration delay, int retryAfterSeconds, int bodyBytes) {

    /** The kinds of fault. */
    public enum Kind {
        DROP_BEFORE_FORWARD,
        DROP_AFTER_FORWARD,
        RESET,
        HTTP_500_HTML,
        HTTP_502,
        HTTP_503,
        HTTP_429,
        HTTP_401,
        TRUNCATED_BODY,
        GARBAGE_JSON,
        WRONG_SHAPE_JSON,
        SLOW,
        STALL
    }

    public static final Fault DROP_BEFORE_FORWARD = of(Kind.DROP_BEFORE_FORWARD);
    public static final Fault DROP_AFTER_FORWARD = of(Kind.DROP_AFTER_FORWARD);
    public static final Fault RESET = of(Kind.RESET);
    public static final Fault HTTP_500_HTML = of(Kind.HTTP_500_HTML);
    public static final Fault HTTP_502 = of(Kind.HTTP_502);
    public static final Fault HTTP_503 = of(Kind.HTTP_503);
    /** 429 with {@code Retry-After: 0}. */
    public static final Fault HTTP_429 = http429(0);

    public static final Fault HTTP_401 = of(Kind.HTTP_401);
    public static final Fault TRUNCATED_BODY = of(Kind.TRUNCATED_BODY);
    public static final Fault GARBAGE_JSON = of(Kind.GARBAGE_JSON);
    public static final Fault WRONG_SHAPE_JSON = of(Kind.WRONG_SHAPE_JSON);

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
    }

    /** A fault without a byte count. */
    public Fault(Kind kind, Duration delay, int retryAfterSeconds) {
        this(kind, delay, retryAfterSeconds, -1);
    }

    private static Fault of(Kind kind) {
        return new Fault(kind, Duration.ZERO, -1);
    }

    /**
     * Forward, then pass on the answer's status, headers and first {@code bodyBytes} bytes of its body, and
     * stall: send nothing more and keep the connection open until the client gives up.
     */
    public static Fault stallAfter(int bodyBytes) {
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bodyBytes);
        }
        return new Fault(Kind.STALL, Duration.ZERO, -1, bodyBytes);
    }

    /** 429 {@code {"error":"Too many requests"}} with {@code Retry-After: seconds}. */
    public static Fault http429(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("negative Retry-After " + retryAfterSeconds);
        }
        return new Fault(Kind.HTTP_429, Duration.ZERO, retryAfterSeconds);
    }

    /** Forward at once, hold the server's answer back for {@code delay} (close() cuts it short). */
    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, delay, -1);
    }

    /** True when the target server receives the request (and so may have processed it). */
    public boolean forwards() {
        return switch (kind) {
            case DROP_AFTER_FORWARD, TRUNCATED_BODY, GARBAGE_JSON, WRONG_SHAPE_JSON, SLOW, STALL -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SLOW -> "SLOW(" + delay.toMillis() + " ms)";
            case STALL -> "STALL(after " + bodyBytes + " body bytes)";
            case HTTP_429 -> "HTTP_429(Retry-After " + retryAfterSeconds + ")";
            default -> kind.name();
        };
    }
}
