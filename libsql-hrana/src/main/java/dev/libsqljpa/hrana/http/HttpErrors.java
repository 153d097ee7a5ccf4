package dev.libsqljpa.hrana.http;

import dev.libsqljpa.hrana.v3.codec.HranaJson;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a non-200 answer into a {@link HranaException}: reason from the status and the body's
 * code (docs/architecture.md, HTTP statuses), and a message that says what happened, then the status, then the
 * server's text (shortened, with the token and baton removed).
 */
final class HttpErrors {

    /** Longest server text kept in a message. */
    static final int MAX_SERVER_TEXT = 300;

    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Longest Retry-After we report as a number; larger values are clamped. */
    private static final long MAX_RETRY_AFTER_SECONDS = 3600;

    private HttpErrors() {}

    /**
     * @param carriedBaton whether the request carried a baton (a bare 404 then means the stream is gone)
     * @param secrets strings that must not appear in the message (token, baton); nulls ignored
     */
    static HranaException fromStatus(
            HttpCall.Answer answer, String where, boolean carriedBaton, HranaJson json, String... secrets) {
        int status = answer.status();
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        HranaError serverError = json.decodeErrorBodyOrNull(body);
        String code = serverError == null ? null : serverError.code();
        String text = serverError != null
                ? serverError.message()
                : plainText(body, answer.headers().firstValue("content-type").orElse(""));
        text = scrub(text, secrets);
        String lower = text.toLowerCase(Locale.ROOT);

        HranaException.Reason reason;
        boolean processed;
        String what;
        Long retryAfter = null;
        if (status == 401 || status == 403) {
            reason = HranaException.Reason.AUTH;
            processed = false;
            what = "The server refused the credentials for " + where;
        } else if (status == 429) {
            reason = HranaException.Reason.RATE_LIMITED;
            processed = false;
            retryAfter = retryAfterSeconds(answer).orElse(null);
            what = "The server is overloaded and refused the request to " + where;
        } else if ("STREAM_EXPIRED".equals(code) && (status == 400 || status == 410)) {
            reason = HranaException.Reason.STREAM_EXPIRED;
            processed = false;
            what = "The server stream expired (idle too long) and its transaction was rolled back";
        } else if (status == 410
                || "STREAM_LOST".equals(code)
                || "STREAM_NOT_FOUND".equals(code)
                || (status == 400 && (lower.contains("invalid baton") || lower.contains("already been used")))
                || (status == 404 && carriedBaton)) {
            reason = HranaException.Reason.STREAM_LOST;
            processed = false;
            what = "The server no longer knows this stream (server restarted, or the baton is invalid or was"
                    + " already used); its state is unknown";
        } else if (status == 413) {
            reason = HranaException.Reason.HTTP_STATUS;
            processed = false;
            what = "The request is too large for the server at " + where;
        } else if (status == 404) {
            reason = HranaException.Reason.HTTP_STATUS;
            processed = false;
            what = "Not found: " + where + " (wrong URL or unknown database)";
        } else {
            // 400 and 5xx: earlier requests of the pipeline may have taken effect.
            reason = HranaException.Reason.HTTP_STATUS;
            processed = true;
            what = "The server failed the request to " + where + "; it may have been partly processed";
        }
        StringBuilder message = new StringBuilder(what).append(" (HTTP ").append(status);
        if (code != null) {
            message.append(", ").append(code);
        }
        if (retryAfter != null) {
            message.append(", retry after ").append(retryAfter).append(" s");
        }
        message.append(')');
        if (!text.isEmpty()) {
            message.append(": ").append(text);
        }
        return new HranaException(reason, message.toString(), status, serverError, processed, retryAfter, null);
    }

    /** The {@code Retry-After} header in whole seconds (HTTP-date form is ignored). */
    static Optional<Long> retryAfterSeconds(HttpCall.Answer answer) {
        Optional<String> value = answer.headers().firstValue("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get().trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
        } catch (NumberFormatException e) {
            // An HTTP-date: we do not trust the clocks to agree, so the normal backoff applies.
            return Optional.empty();
        }
    }

    /** Readable text of a non-JSON body: tags removed from HTML, whitespace collapsed (not shortened). */
    static String plainText(byte[] body, String contentType) {
        String text = new String(body, StandardCharsets.UTF_8);
        String trimmed = text.trim();
        if (contentType.toLowerCase(Locale.ROOT).contains("html") || trimmed.startsWith("<")) {
            text = SCRIPT_OR_STYLE.matcher(text).replaceAll(" ");
            text = TAG.matcher(text).replaceAll(" ");
            text = text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&nbsp;", " ")
                    .replace("&amp;", "&");
        }
        return SPACES.matcher(text).replaceAll(" ").trim();
    }

    static String shorten(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SERVER_TEXT + 1));
        for (int i = 0; i < text.length() && sb.length() < MAX_SERVER_TEXT; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX_SERVER_TEXT) {
            sb.append('…');
        }
        return sb.toString();
    }

    /** Removes secrets the server may have echoed back, then shortens. */
    static String scrub(String text, String... secrets) {
        String result = text == null ? "" : text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, "<redacted>");
            }
        }
        return shorten(result);
    }
}
