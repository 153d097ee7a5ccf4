package dev.libsqljpa.jdbc.internal.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Name and version of the driver, read once from the build-filtered resource
 * {@code dev/libsqljpa/jdbc/internal/metadata/driver.properties}. Used by
 * {@link LibsqlDatabaseMetaData} and by the {@link java.sql.Driver} implementations.
 */
public final class MetadataDriverInfo {
    /** Driver name reported by {@link java.sql.DatabaseMetaData#getDriverName()}. */
    public static final String NAME;
    /** Driver version, the Maven project version (for example {@code 0.1.0-SNAPSHOT}). */
    public static final String VERSION;
    /** Leading number of {@link #VERSION}. */
    public static final int MAJOR_VERSION;
    /** Second number of {@link #VERSION}. */
    public static final int MINOR_VERSION;

    static {
        Properties properties = new Properties();
        try (InputStream in = MetadataDriverInfo.class.getResourceAsStream("driver.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "libsql-jdbc resource dev/libsqljpa/jdbc/internal/metadata/driver.properties is missing");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read libsql-jdbc metadata/driver.properties", e);
        }
        NAME = properties.getProperty("driver.name", "libSQL JDBC");
        String version = properties.getProperty("driver.version", "");
        VERSION = version.isEmpty() || version.startsWith("${") ? "0.0.0-unknown" : version;
        int[] numbers = versionNumbers(VERSION);
        MAJOR_VERSION = numbers[0];
        MINOR_VERSION = numbers[1];
    }

    private MetadataDriverInfo() {}

    /**
     * The first two numbers of a dotted version string: {@code "3.50.4"} → {3, 50},
     * {@code "0.1.0-SNAPSHOT"} → {0, 1}; missing or non-numeric parts count as 0.
     */
    static int[] versionNumbers(String version) {
        int[] numbers = new int[2];
        String[] parts = version.split("\\.", 3);
        for (int i = 0; i < 2 && i < parts.length; i++) {
            int end = 0;
            String part = parts[i];
            while (end < part.length() && end < 9 && Character.isDigit(part.charAt(end))) {
                end++;
            }
            numbers[i] = end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
        }
        return numbers;
    }
}
