package dev.libsqljpa.jdbc;

import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Every connection property of the driver, in one place. The same entries feed URL parsing
 * ({@code jdbc:libsql://host/path?name=value}), {@link java.sql.Driver#getPropertyInfo},
 * the bean setters of {@link LibsqlDataSource} and the property table in {@code docs/jdbc.md}.
 *
 * <p>The auth token is never accepted from the URL: pass it as {@link #PASSWORD} (recommended: pools and
 * servers mask it), its alias {@link #AUTH_TOKEN}, or the environment variable {@code LIBSQL_AUTH_TOKEN}.
 */
public enum LibsqlProperty {
    PASSWORD(
            "password",
            Type.STRING,
            null,
            false,
            "The auth token, sent as 'Authorization: Bearer'. The recommended way to give it: "
                    + "getConnection(url, user, password), pools and application servers treat 'password' as a "
                    + "secret and mask it in their logs. Never accepted in the URL. Falls back to the environment "
                    + "variable LIBSQL_AUTH_TOKEN."),
    AUTH_TOKEN(
            "authToken",
            Type.STRING,
            null,
            false,
            "Alias of 'password' (wins when both are set). Pools log unknown properties in clear text "
                    + "(HikariCP masks only 'password' in its DEBUG configuration dump): prefer 'password'. "
                    + "Never accepted in the URL."),
    USER(
            "user",
            Type.STRING,
            null,
            false,
            "Accepted and ignored (libSQL authenticates with the token only); kept so application "
                    + "servers and getConnection(user, password) work."),
    TLS(
            "tls",
            Type.BOOLEAN,
            "true",
            true,
            "HTTPS when true. 'tls=0' selects plain HTTP for jdbc:libsql://host:port URLs (port required)."),
    ALLOW_INSECURE_HTTP(
            "allowInsecureHttp",
            Type.BOOLEAN,
            "false",
            true,
            "Allow plain HTTP to a host that is not loopback. The token would travel unencrypted."),
    CONNECT_TIMEOUT(
            "connectTimeout",
            Type.INTEGER,
            "10",
            true,
            "Seconds allowed to open the TCP/TLS connection and to detect the server family."),
    CONNECT_WAIT(
            "connectWait",
            Type.INTEGER,
            "30",
            true,
            "Seconds a connect keeps retrying while the server refuses connections (for example while it "
                    + "starts): 100 ms doubling to 2 s between attempts, logged; then fails with 08001. "
                    + "0 = one attempt. Only the first contact with a server waits; once it has answered, "
                    + "connects send nothing."),
    REQUEST_TIMEOUT(
            "requestTimeout",
            Type.INTEGER,
            "60",
            true,
            "Seconds allowed for one HTTP request when neither a query timeout nor a network "
                    + "timeout applies. 0 = no limit."),
    FOREIGN_KEYS(
            "foreignKeys",
            Type.BOOLEAN,
            "true",
            true,
            "Send 'PRAGMA foreign_keys=ON' in the first request of every stream (same request, "
                    + "no extra round trip)."),
    TRANSACTION_MODE(
            "transactionMode",
            Type.CHOICE,
            "DEFERRED",
            true,
            "How manual-commit transactions begin: DEFERRED, IMMEDIATE or EXCLUSIVE.",
            "DEFERRED",
            "IMMEDIATE",
            "EXCLUSIVE"),
    SHARED_CONNECTION_LOCK_TIMEOUT(
            "sharedConnectionLockTimeout",
            Type.INTEGER,
            "30",
            true,
            "Minimal servers (tursodb) have one engine connection shared by all clients; the driver "
                    + "serialises transactions per server. Seconds to wait for another connection's "
                    + "transaction to end before failing."),
    SHARED_CONNECTION_HOLD_LIMIT(
            "sharedConnectionHoldLimit",
            Type.INTEGER,
            "5",
            true,
            "Minimal servers (tursodb): seconds a transaction may keep the shared engine connection while "
                    + "another connection of the same driver or DataSource waits for it. After that, between "
                    + "two of its requests, the driver rolls it back on the server and its next call fails "
                    + "with 40000 (like sqld's write-lock timeout). 0 = never.");

    /** The value type of a property. */
    public enum Type {
        STRING,
        BOOLEAN,
        INTEGER,
        CHOICE
    }

    private final String propertyName;
    private final Type type;
    private final String defaultValue;
    private final boolean allowedInUrl;
    private final String description;
    private final String[] choices;

    LibsqlProperty(
            String propertyName,
            Type type,
            String defaultValue,
            boolean allowedInUrl,
            String description,
            String... choices) {
        this.propertyName = propertyName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.allowedInUrl = allowedInUrl;
        this.description = description;
        this.choices = choices;
    }

    /** The name used in URLs, {@link Properties} and (as a bean property) on the DataSource. */
    public String propertyName() {
        return propertyName;
    }

    public Type type() {
        return type;
    }

    /** The default as text, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Whether the property may appear in the URL query (secrets may not). */
    public boolean allowedInUrl() {
        return allowedInUrl;
    }

    public String description() {
        return description;
    }

    /** Allowed values for {@link Type#BOOLEAN} and {@link Type#CHOICE} properties, else empty. */
    public String[] choices() {
        if (type == Type.BOOLEAN) {
            return new String[] {"true", "false"};
        }
        return choices.clone();
    }

    /** Whether the value is secret (never shown in messages, toString or property info). */
    public boolean isSecret() {
        return this == AUTH_TOKEN || this == PASSWORD;
    }

    /** The raw value from the properties, or the default. */
    public String get(Properties properties) {
        String value = properties.getProperty(propertyName);
        return value == null ? defaultValue : value;
    }

    /**
     * The value as a boolean, parsed the one way the driver parses booleans everywhere (URL, properties,
     * data source): {@code true/1/yes/on} or {@code false/0/no/off}, case-insensitive, surrounding
     * whitespace ignored; empty when the value is neither.
     */
    public Optional<Boolean> booleanValue(Properties properties) {
        String value = get(properties);
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Optional.of(true);
            case "false", "0", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** The entry for a property name (case-insensitive), or null. */
    public static LibsqlProperty forName(String name) {
        for (LibsqlProperty property : values()) {
            if (property.propertyName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return property;
            }
        }
        return null;
    }
}
