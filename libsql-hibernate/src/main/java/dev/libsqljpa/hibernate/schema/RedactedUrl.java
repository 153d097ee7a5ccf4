package dev.libsqljpa.hibernate.schema;

/**
 * The one form in which libsql-hibernate echoes a database URL (log lines, exception messages,
 * {@code toString}): without user info and without anything from the first {@code ?} (query),
 * {@code #} (fragment) or {@code ;} (parameters such as {@code ;authToken=…}), where a token can travel.
 * The driver redacts its own messages the same way; this module does not depend on the driver's code.
 */
public final class RedactedUrl {
    private RedactedUrl() {}

    /** The redacted URL; {@code (the configured data source)} when there is none. */
    public static String of(String url) {
        if (url == null || url.isBlank()) {
            return "(the configured data source)";
        }
        String shown = url;
        for (char cut : new char[] {'?', '#', ';'}) {
            int at = shown.indexOf(cut);
            if (at >= 0) {
                shown = shown.substring(0, at);
            }
        }
        int scheme = shown.indexOf("://");
        if (scheme >= 0) {
            int at = shown.indexOf('@', scheme + 3);
            int slash = shown.indexOf('/', scheme + 3);
            if (at >= 0 && (slash < 0 || at < slash)) {
                shown = shown.substring(0, scheme + 3) + shown.substring(at + 1);
            }
        }
        return shown;
    }
}
