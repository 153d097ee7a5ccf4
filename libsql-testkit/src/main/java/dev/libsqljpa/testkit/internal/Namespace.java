package dev.libsqljpa.testkit.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;

/** One database: a SQLite file in WAL mode that every stream of the namespace opens its own connection to. */
public final class Namespace {

    /** sqld-like namespace names: letters, digits, {@code -} and {@code _}, at most 63 characters. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    public static final String DEFAULT = "default";

    final String name;
    final Path file;
    final CounterSet counters = new CounterSet();
    /** Notified whenever a stream of this namespace may have released the write lock. */
    final Object lockReleased = new Object();

    Namespace(String name, Path file) throws SQLException {
        this.name = name;
        this.file = file;
        try (Connection bootstrap = open();
                Statement statement = bootstrap.createStatement()) {
            // WAL is persistent in the file: set it once; readers then never block the writer.
            statement.execute("PRAGMA journal_mode=WAL");
        }
    }

    /** Null when the name is valid, else why not. */
    public static String invalidReason(String name) {
        if (name == null || name.isEmpty()) {
            return "the namespace name is empty";
        }
        if (!VALID.matcher(name).matches()) {
            return "a namespace name has 1 to 63 letters, digits, '-' or '_' and starts with a letter or digit";
        }
        return null;
    }

    Connection open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
