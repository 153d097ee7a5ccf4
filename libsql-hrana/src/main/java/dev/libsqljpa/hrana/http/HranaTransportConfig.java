package dev.libsqljpa.hrana.http;

import java.time.Duration;

/**
 * Settings shared by every connection of one driver or DataSource configuration. Holds no secret
 * (the auth token belongs to the {@link HranaEndpoint}), so {@code toString} shows every field.
 *
 * @param connectTimeout TCP/TLS connect timeout; positive
 * @param requestTimeout default time allowed for one HTTP exchange when the caller gives none; positive
 * @param userAgent the {@code User-Agent} header value; not blank
 * @param maxResponseBytes answers larger than this fail with {@link HranaException.Reason#MALFORMED_RESPONSE}; positive
 * @throws IllegalArgumentException for a missing or non-positive value
 */
public record HranaTransportConfig(
        Duration connectTimeout, Duration requestTimeout, String userAgent, long maxResponseBytes) {

    public HranaTransportConfig {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        if (userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("userAgent must not contain line breaks");
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
        }
    }

    public static HranaTransportConfig defaults() {
        return new HranaTransportConfig(Duration.ofSeconds(10), Duration.ofSeconds(60), "libsql-jpa", 256L << 20);
    }

    /** A copy with another default request timeout. */
    public HranaTransportConfig withRequestTimeout(Duration timeout) {
        return new HranaTransportConfig(connectTimeout, timeout, userAgent, maxResponseBytes);
    }

    /** A copy with another connect timeout. */
    public HranaTransportConfig withConnectTimeout(Duration timeout) {
        return new HranaTransportConfig(timeout, requestTimeout, userAgent, maxResponseBytes);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }
}
