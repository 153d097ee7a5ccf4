package dev.libsqljpa.hrana.http;

import java.time.Duration;

/**
 * Settings shared by every connection of one driver or DataSource configuration.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout default time allowed for one HTTP exchange when the caller gives none
 * @param userAgent the {@code User-Agent} header value
 * @param maxResponseBytes answers larger than this fail with {@link HranaException.Reason#MALFORMED_RESPONSE}
 */
public record HranaTransportConfig(
        Duration connectTimeout, Duration requestTimeout, String userAgent, long maxResponseBytes) {

    public static HranaTransportConfig defaults() {
        return new HranaTransportConfig(Duration.ofSeconds(10), Duration.ofSeconds(60), "libsql-jpa", 256L << 20);
    }
}
