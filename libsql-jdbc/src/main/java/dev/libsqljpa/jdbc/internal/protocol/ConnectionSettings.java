package dev.libsqljpa.jdbc.internal.protocol;

import dev.libsqljpa.jdbc.LibsqlProperty;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * A parsed {@code jdbc:libsql:} URL plus properties: where to connect, with which token and
 * settings. Immutable. {@code toString} never shows the token.
 *
 * <p>URL forms: {@code jdbc:libsql://host[:port][/path][?props]} (HTTPS; {@code tls=0} selects
 * HTTP and then needs a port), {@code jdbc:libsql:http://…} and {@code jdbc:libsql:https://…}.
 * Plain HTTP to a non-loopback host needs {@code allowInsecureHttp=true}.
 */
public final class ConnectionSettings {
    public static final String URL_PREFIX = "jdbc:libsql:";
    public static final String TOKEN_ENVIRONMENT_VARIABLE = "LIBSQL_AUTH_TOKEN";

    /** How a manual-commit transaction begins. */
    public enum TransactionMode {
        DEFERRED,
        IMMEDIATE,
        EXCLUSIVE
    }

    private final String url;
    private final URI baseUri;
    private final String authToken;
    private final String user;
    private final Properties properties;

    private ConnectionSettings(String url, URI baseUri, String authToken, String user, Properties properties) {
        this.url = url;
        this.baseUri = baseUri;
        this.authToken = authToken;
        this.user = user;
        this.properties = properties;
    }

    /** Whether the driver handles this URL. */
    public static boolean acceptsUrl(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    public static ConnectionSettings parse(String url, Properties info) throws SQLException {
        return parse(url, info, System::getenv);
    }

    /**
     * Parses the URL and merges the properties (explicit properties win over URL query values).
     *
     * @param environment looks up environment variables (for {@code LIBSQL_AUTH_TOKEN})
     * @throws SQLException {@code 08001} for a malformed URL, a token in the URL, an unknown or
     *     invalid property, or plain HTTP to a remote host without {@code allowInsecureHttp}
     */
    public static ConnectionSettings parse(String url, Properties info, Function<String, String> environment)
            throws SQLException {
        if (!acceptsUrl(url)) {
            throw invalid("not a jdbc:libsql: URL: " + redactUrl(url));
        }
        String rest = url.substring(URL_PREFIX.length());
        String query = null;
        int queryStart = rest.indexOf('?');
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        Properties merged = properties(query, info);
        URI baseUri = baseUri(rest, url, merged);
        String token = token(merged, environment);
        String user = merged.getProperty(LibsqlProperty.USER.propertyName());
        return new ConnectionSettings(url, baseUri, token, user, merged);
    }

    /** The URL's query properties, then the connection properties over them, each checked. */
    private static Properties properties(String query, Properties info) throws SQLException {
        Properties merged = new Properties();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                LibsqlProperty property = LibsqlProperty.forName(name);
                if (property == null) {
                    throw invalid("unknown property '" + name + "' in the URL; known: " + knownNames());
                }
                if (!property.allowedInUrl()) {
                    throw invalid("'" + property.propertyName() + "' must not appear in the URL (it would "
                            + "end up in logs); pass it as a connection property, DataSource property "
                            + "or the environment variable " + TOKEN_ENVIRONMENT_VARIABLE);
                }
                merged.setProperty(property.propertyName(), value);
            }
        }
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                LibsqlProperty property = LibsqlProperty.forName(name);
                if (property != null) {
                    merged.setProperty(property.propertyName(), info.getProperty(name));
                }
            }
        }
        for (LibsqlProperty property : LibsqlProperty.values()) {
            validate(property, property.get(merged));
        }

        return merged;
    }

    /** {@code scheme://authority/path} of the server, after every check of the URL's form. */
    private static URI baseUri(String rest, String url, Properties merged) throws SQLException {
        boolean tls = bool(LibsqlProperty.TLS, merged);
        String scheme;
        String authority;
        String lowerRest = rest.toLowerCase(Locale.ROOT);
        if (rest.startsWith("//")) {
            scheme = tls ? "https" : "http";
            authority = rest;
        } else if (lowerRest.startsWith("http://") || lowerRest.startsWith("https://")) {
            // Schemes are case-insensitive (RFC 3986 section 3.1): HTTPS:// is https://.
            int colon = rest.indexOf(':');
            scheme = lowerRest.substring(0, colon);
            authority = rest.substring(colon + 1);
        } else {
            throw invalid("expected jdbc:libsql://host[:port][/path], jdbc:libsql:http://… or "
                    + "jdbc:libsql:https://…, got " + redactUrl(url));
        }
        checkAuthority(authority, url);
        URI uri;
        try {
            uri = new URI(scheme + ":" + authority);
        } catch (URISyntaxException e) {
            // Not e.getMessage() and not e as the cause: both contain the whole input.
            throw invalid("malformed URL " + redactUrl(url) + ": " + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("the URL has no host name: " + redactUrl(url));
        }
        if (uri.getUserInfo() != null) {
            throw invalid("credentials must not appear in the URL; pass the token as the 'password' property");
        }
        if (uri.getFragment() != null) {
            throw invalid("the URL must not have a fragment (#…): " + redactUrl(url));
        }
        if (rest.startsWith("//") && !tls && uri.getPort() < 0) {
            throw invalid("tls=0 needs an explicit port, e.g. jdbc:libsql://localhost:8080?tls=0");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost()) && !bool(LibsqlProperty.ALLOW_INSECURE_HTTP, merged)) {
            throw invalid("refusing plain HTTP to non-loopback host '" + uri.getHost() + "': the token would "
                    + "travel unencrypted; use HTTPS or set allowInsecureHttp=true");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** The token: {@code authToken}, else {@code password}, else the environment; null for none. */
    private static String token(Properties merged, Function<String, String> environment) throws SQLException {
        String token = merged.getProperty(LibsqlProperty.AUTH_TOKEN.propertyName());
        if (token == null || token.isEmpty()) {
            token = merged.getProperty(LibsqlProperty.PASSWORD.propertyName());
        }
        if (token == null || token.isEmpty()) {
            token = environment.apply(TOKEN_ENVIRONMENT_VARIABLE);
        }
        if (token != null && token.isEmpty()) {
            token = null;
        }
        if (token != null && token.chars().anyMatch(Character::isISOControl)) {
            // Rejected rather than trimmed: a secret is sent exactly as given or not at all. The token
            // itself is never part of the message.
            throw invalid("the auth token contains a control character (often a trailing newline from a"
                    + " token file); remove it");
        }
        return token;
    }

    /**
     * Checks {@code //authority[/path]} before {@link URI} parses it, so that a bad port or a token in the
     * authority gets a message that names the problem (URI would only say "no host").
     */
    private static void checkAuthority(String authorityAndPath, String url) throws SQLException {
        if (!authorityAndPath.startsWith("//")) {
            throw invalid("expected // after the scheme: " + redactUrl(url));
        }
        String authority = authorityAndPath.substring(2);
        int end = firstIndexOf(authority, '/', '#', ';');
        String tail = end < 0 ? "" : authority.substring(end);
        authority = end < 0 ? authority : authority.substring(0, end);
        if (authority.indexOf('@') >= 0) {
            throw invalid("credentials must not appear in the URL (user:token@host); pass the token as the "
                    + "'password' property: " + redactUrl(url));
        }
        if (tail.startsWith(";")) {
            throw invalid("';' parameters after the host are not supported (and would end up in logs); pass "
                    + "properties as a query (?tls=0) or as connection properties, the token as 'password': "
                    + redactUrl(url));
        }
        String hostPort = authority;
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid("unterminated IPv6 address in " + redactUrl(url));
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw invalid("unexpected text after the IPv6 address in " + redactUrl(url));
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid("the URL has no host name: " + redactUrl(url));
        }
        if (port != null) {
            if (port.isEmpty()) {
                throw invalid("the URL has ':' but no port number after the host '" + host + "'");
            }
            if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                // Echo short port text only: a long one may be a secret typed in the wrong place.
                String shown = port.length() <= 6 ? "'" + port + "'" : "after the host";
                throw invalid("the port " + shown + " of host '" + host + "' is not a number between 1 and 65535");
            }
            if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw invalid("the port " + port + " of host '" + host + "' is out of range (1 to 65535)");
            }
        }
    }

    private static void validate(LibsqlProperty property, String value) throws SQLException {
        if (value == null) {
            return;
        }
        switch (property.type()) {
            case BOOLEAN:
                parseBoolean(property, value);
                break;
            case INTEGER:
                try {
                    if (Integer.parseInt(value.trim()) < 0) {
                        throw invalid("property '" + property.propertyName() + "' must not be negative: " + value);
                    }
                } catch (NumberFormatException e) {
                    throw invalid("property '" + property.propertyName() + "' must be an integer: " + value, e);
                }
                break;
            case CHOICE:
                String upper = value.trim().toUpperCase(Locale.ROOT);
                for (String choice : property.choices()) {
                    if (choice.equals(upper)) {
                        return;
                    }
                }
                throw invalid("property '" + property.propertyName() + "' must be one of "
                        + String.join(", ", property.choices()) + ": " + value);
            case STRING:
                break;
            default:
                throw new AssertionError(property.type());
        }
    }

    private static boolean parseBoolean(LibsqlProperty property, String value) throws SQLException {
        Properties single = new Properties();
        single.setProperty(property.propertyName(), value);
        return property.booleanValue(single)
                .orElseThrow(
                        () -> invalid("property '" + property.propertyName() + "' must be true or false: " + value));
    }

    private static boolean bool(LibsqlProperty property, Properties properties) throws SQLException {
        return parseBoolean(property, property.get(properties));
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.matches("[0-9.]+") || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // literal: no DNS lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String knownNames() {
        StringBuilder names = new StringBuilder();
        for (LibsqlProperty property : LibsqlProperty.values()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(property.propertyName());
        }
        return names.toString();
    }

    /**
     * The one form in which the driver echoes a URL (messages, {@code toString}): scheme, host, port and
     * path only. User info ({@code user:token@}) becomes {@code <redacted>@}; everything from the first
     * {@code ?} (query), {@code #} (fragment) or {@code ;} (parameters such as {@code ;authToken=…}) is
     * replaced by {@code …}. Works on malformed URLs too, since those are exactly the ones echoed in errors.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return "null";
        }
        String s = url;
        int cut = firstIndexOf(s, '?', '#', ';');
        if (cut >= 0) {
            s = s.substring(0, cut) + "…";
        }
        int authorityStart = s.indexOf("//");
        authorityStart = authorityStart >= 0 ? authorityStart + 2 : s.startsWith(URL_PREFIX) ? URL_PREFIX.length() : 0;
        int authorityEnd = s.indexOf('/', authorityStart);
        if (authorityEnd < 0) {
            authorityEnd = s.length();
        }
        int at = s.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) {
            s = s.substring(0, authorityStart) + "<redacted>@" + s.substring(at + 1);
        }
        return s;
    }

    private static int firstIndexOf(String s, char... chars) {
        int first = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }

    private static SQLException invalid(String message) {
        return SqlExceptions.cannotConnect("invalid libSQL JDBC URL or property: " + message);
    }

    private static SQLException invalid(String message, Throwable cause) {
        return SqlExceptions.cannotConnect("invalid libSQL JDBC URL or property: " + message, cause);
    }

    public String url() {
        return url;
    }

    /** {@code http(s)://host[:port][/path]} without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** The bearer token, or null. Never log it. */
    public String authToken() {
        return authToken;
    }

    public String user() {
        return user;
    }

    public String get(LibsqlProperty property) {
        return property.get(properties);
    }

    public boolean getBoolean(LibsqlProperty property) {
        return property.booleanValue(properties).orElse(false);
    }

    public int getInt(LibsqlProperty property) {
        return Integer.parseInt(property.get(properties).trim());
    }

    /** A seconds property as a duration; null for 0 (no limit). */
    public Duration seconds(LibsqlProperty property) {
        int seconds = getInt(property);
        return seconds == 0 ? null : Duration.ofSeconds(seconds);
    }

    public TransactionMode transactionMode() {
        return TransactionMode.valueOf(
                get(LibsqlProperty.TRANSACTION_MODE).trim().toUpperCase(Locale.ROOT));
    }

    /** The merged properties as text, secrets left out. */
    public Properties publicProperties() {
        Properties copy = new Properties();
        for (LibsqlProperty property : LibsqlProperty.values()) {
            String value = properties.getProperty(property.propertyName());
            if (value != null && !property.isSecret()) {
                copy.setProperty(property.propertyName(), value);
            }
        }
        return copy;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + redactUrl(baseUri.toString()) + ", token="
                + (authToken == null ? "none" : "<redacted>") + ", " + publicProperties() + "]";
    }
}
