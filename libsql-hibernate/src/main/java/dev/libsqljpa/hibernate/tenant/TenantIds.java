package dev.libsqljpa.hibernate.tenant;

/**
 * The one rule for tenant ids: a DNS label. 1 to 63 characters, each a lowercase ASCII letter
 * ({@code a-z}), a digit or {@code -}, not starting or ending with {@code -}. Checked before any URL or
 * JNDI name is built from an id, so an id can never change the host, the path or the name space it
 * lands in ({@code evil.com/x}, {@code ../x}, {@code %2e}, upper case and look-alike letters are refused).
 */
public final class TenantIds {

    /** The rule, as it appears in error messages. */
    public static final String RULE = "a tenant id is a DNS label: 1 to 63 characters, lowercase ASCII letters"
            + " a-z, digits 0-9 and '-', not starting or ending with '-'";

    private static final int MAX_LENGTH = 63;
    private static final int SHOWN = 40;

    private TenantIds() {}

    /** Whether {@code id} follows {@link #RULE}. */
    public static boolean isValid(String id) {
        return invalidReason(id) == null;
    }

    /**
     * Returns {@code id} if it follows {@link #RULE}.
     *
     * @throws IllegalArgumentException naming the rule, what is wrong and the id (escaped, shortened)
     */
    public static String requireValid(Object id) {
        if (id instanceof String text) {
            String reason = invalidReason(text);
            if (reason == null) {
                return text;
            }
            throw new IllegalArgumentException("Invalid tenant id " + show(text) + ": " + reason + " (" + RULE + ")");
        }
        throw new IllegalArgumentException("Invalid tenant id: "
                + (id == null ? "null" : "a " + id.getClass().getName() + ", not a String") + " (" + RULE + ")");
    }

    static String invalidReason(String id) {
        if (id == null) {
            return "it is null";
        }
        if (id.isEmpty()) {
            return "it is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "it has " + id.length() + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
            if (!ok) {
                return "character " + describe(c) + " at index " + i + " is not allowed";
            }
        }
        if (id.charAt(0) == '-' || id.charAt(id.length() - 1) == '-') {
            return "it starts or ends with '-'";
        }
        return null;
    }

    private static String describe(char c) {
        if (c >= 0x21 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    /** The id quoted, non-printable and non-ASCII characters as {@code \\uXXXX}, at most 40 characters. */
    static String show(String id) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(id.length(), SHOWN);
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append('\'');
        if (id.length() > SHOWN) {
            b.append("… (").append(id.length()).append(" characters)");
        }
        return b.toString();
    }
}
