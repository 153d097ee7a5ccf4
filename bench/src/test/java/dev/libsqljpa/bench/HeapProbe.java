package dev.libsqljpa.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Child-JVM probe: iterates a query of N rows × 5 columns through the driver (fetch size from the third
 * argument; 0 = none; a fourth argument {@code series} generates the rows with
 * {@code generate_series} instead of a recursive CTE, for tursodb) and prints {@code result rows=<n> peakHeapBytes=<bytes> liveHeapBytes=<bytes>} or
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
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.setFetchSize(fetchSize);
            String rows5 = "select value, value * 2, 'row ' || value, value / 3.0, x'0102' from ";
            String sql = args.length > 3 && args[3].equals("series")
                    ? rows5 + "generate_series(1, " + n + ")" // tursodb: no recursive CTEs
                    : "with recursive g(value) as (select 1 union all select value + 1 from g where value < " + n + ") "
                            + rows5 + "g";
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
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("result rows=" + rows + " peakHeapBytes=" + peak + " liveHeapBytes=" + live
                    + " checksum=" + checksum);
        } catch (Throwable t) {
            System.out.println("result failed=" + t.getClass().getSimpleName() + ": "
                    + String.valueOf(t.getMessage()).replace('\n', ' '));
        }
    }
}
