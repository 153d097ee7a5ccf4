package dev.libsqljpa.hibernate.schema;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of duration settings of libsql-hibernate ({@code libsql.schema.wait_timeout},
 * {@code libsql.tenant.idle_timeout}): a {@link Duration}, a number of milliseconds, or text such as
 * {@code 1500}, {@code 1500ms}, {@code 90s}, {@code 2m}, {@code 1h}.
 */
public final class SettingDurations {

    /** What the error messages say the setting accepts. */
    public static final String ACCEPTED = "milliseconds or a number with ms, s, m or h";

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h)?\\s*", Pattern.CASE_INSENSITIVE);

    private SettingDurations() {}

    /** The duration a setting's value names, or empty when it is not one of the accepted forms. */
    public static Optional<Duration> parse(Object value) {
        if (value instanceof Duration duration) {
            return Optional.of(duration);
        }
        if (value instanceof Number number) {
            return Optional.of(Duration.ofMillis(number.longValue()));
        }
        Matcher m = DURATION.matcher(String.valueOf(value));
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        return Optional.of(
                switch (unit) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMillis(amount);
                });
    }
}
