package dev.libsqljpa.testkit.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as {@link HttpFaultProxy} received it, for {@link HttpFaultProxy#failWhen} predicates.
 *
 * @param method request method ({@code GET}, {@code POST})
 * @param path request target as sent (path and query)
 * @param headers header names in lower case; the last value of a repeated header
 * @param body the request body (empty for none)
 */
public record ProxiedRequest(String method, String path, Map<String, String> headers, byte[] body) {

    public ProxiedRequest {
        headers = Map.copyOf(headers);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The value of a header (case-insensitive name), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** True when the body contains {@code text} (e.g. {@code "COMMIT"} or {@code "\"baton\":null"}). */
    public boolean bodyContains(String text) {
        return bodyText().contains(text);
    }

    @Override
    public String toString() {
        // Never the headers: they carry the Authorization token.
        return method + " " + path + " (" + body.length + " bytes)";
    }
}
