package dev.libsqljpa.jdbc.logcapture;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A test-only SLF4J back end that records every event at every level (DEBUG included) while
 * {@link #capture()} is on, so a test can assert what a library such as HikariCP writes to its log.
 * Off, it drops everything.
 */
public final class CapturingSlf4jProvider implements SLF4JServiceProvider {

    private static final List<String> LINES = new ArrayList<>();
    private static volatile boolean capturing;

    private final ILoggerFactory loggers = Logger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Starts recording (and forgets earlier lines). */
    public static void capture() {
        synchronized (LINES) {
            LINES.clear();
        }
        capturing = true;
    }

    /** Stops recording and returns what was logged, one formatted event per entry. */
    public static List<String> stop() {
        capturing = false;
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static final class Logger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        Logger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            if (!capturing) {
                return;
            }
            String line = level + " " + name + " " + MessageFormatter.basicArrayFormat(pattern, arguments)
                    + (throwable == null ? "" : " " + throwable);
            synchronized (LINES) {
                LINES.add(line);
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return capturing;
        }

        @Override
        public boolean isDebugEnabled() {
            return capturing;
        }

        @Override
        public boolean isInfoEnabled() {
            return capturing;
        }

        @Override
        public boolean isWarnEnabled() {
            return capturing;
        }

        @Override
        public boolean isErrorEnabled() {
            return capturing;
        }
    }
}
