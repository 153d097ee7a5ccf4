package dev.libsqljpa.jdbc.archfixture;

import dev.libsqljpa.hrana.archfixture.HranaFixture;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The allowed forms of what {@link BannedCalls} does wrong. */
public final class AllowedCalls {

    private static final Logger LOG = Logger.getLogger(AllowedCalls.class.getName());

    private AllowedCalls() {}

    public static String lowerCases(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    public static String upperCases(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    public static void logs(RuntimeException e) {
        LOG.log(Level.FINE, "logged, not printed", e);
    }

    /** Waiting for a notification (no timeout) is not a sleep. */
    public static void waitsForANotification(Object monitor) throws InterruptedException {
        synchronized (monitor) {
            monitor.wait();
        }
    }

    public static int usesProtocolLayer() {
        return HranaFixture.touch();
    }
}
