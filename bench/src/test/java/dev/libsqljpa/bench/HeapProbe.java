package dev.libsqljpa.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Child-JVM probe: iterates a query of N rows × 5 columns through the driver (fetch size from the third
 * argument; 0 = none; a fourth argument {@code series} generates the rows with
 * {@code generate_series} instead of a recursive CTE, for tursodb; a fifth argument {@code hibernate} reads
 * the rows through Hibernate 7's {@code getResultStream()} of a native query, with
 * {@code hibernate.jdbc.fetch_size} set to the fetch size, instead of plain JDBC) and prints {@code result rows=<n> peakHeapBytes=<bytes> liveHeapBytes=<bytes>} or
 * {@code result failed=<exception>}. Peak = the heap pools' peak use (garbage included, bounded by -Xmx);
 * live = the largest heap in use right after a collection, sampled every 10,000 rows. Run with a small -Xmx.
 */
public final class HeapProbe {
    private HeapProbe() {}

    /** Heap in use after the most recent collection, summed over the heap pools. */
    private static long liveHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /** A session factory over the driver with no entities: only native queries are run. */
    private static SessionFactory hibernate(String url, int fetchSize) {
        Logger.getLogger("org.hibernate").setLevel(Level.WARNING);
        HibernatePersistenceConfiguration config = new HibernatePersistenceConfiguration("heap");
        config.property("hibernate.connection.url", url);
        config.property("hibernate.connection.autocommit", "true");
        config.property("hibernate.jdbc.fetch_size", Integer.toString(fetchSize));
        return (SessionFactory) config.createEntityManagerFactory();
    }

    private static long blobLength(Object value) {
        if (!(value instanceof Blob blob)) {
            return ((byte[]) value).length;
        }
        try {
            return blob.length();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long n = Long.parseLong(args[1]);
        int fetchSize = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long rows = 0;
        long checksum = 0;
        boolean series = args.length > 3 && args[3].equals("series");
        boolean hibernate = args.length > 4 && args[4].equals("hibernate");
        String rows5 = "select value, value * 2, 'row ' || value, value / 3.0, x'0102' from ";
        String sql = series
                ? rows5 + "generate_series(1, " + n + ")" // tursodb: no recursive CTEs
                : "with recursive g(value) as (select 1 union all select value + 1 from g where value < " + n + ") "
                        + rows5 + "g";
        long started = System.nanoTime();
        try {
            if (hibernate) {
                long[] counted = {0, 0, 0}; // rows, checksum, live
                try (SessionFactory factory = hibernate(url, fetchSize);
                        Session session = factory.openSession();
                        Stream<Object[]> stream =
                                session.createNativeQuery(sql, Object[].class).getResultStream()) {
                    stream.forEach(row -> {
                        counted[1] += ((Number) row[0]).longValue()
                                + ((Number) row[1]).longValue()
                                + ((String) row[2]).length()
                                + (long) ((Number) row[3]).doubleValue()
                                + blobLength(row[4]);
                        counted[0]++;
                        if (counted[0] % 10_000 == 0) {
                            counted[2] = Math.max(counted[2], liveHeap());
                        }
                    });
                }
                rows = counted[0];
                checksum = counted[1];
                live = counted[2];
            } else {
                try (Connection c = DriverManager.getConnection(url);
                        Statement s = c.createStatement()) {
                    s.setFetchSize(fetchSize);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            checksum += rs.getLong(1)
                                    + rs.getLong(2)
                                    + rs.getString(3).length()
                                    + (long) rs.getDouble(4)
                                    + rs.getBytes(5).length;
                            rows++;
                            if (rows % 10_000 == 0) {
                                live = Math.max(live, liveHeap());
                            }
                        }
                    }
                }
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("result rows=" + rows + " peakHeapBytes=" + peak + " liveHeapBytes=" + live
                    + " checksum=" + checksum + " millis=" + (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable t) {
            System.out.println("result failed=" + t.getClass().getSimpleName() + ": "
                    + String.valueOf(t.getMessage()).replace('\n', ' '));
        }
    }
}
