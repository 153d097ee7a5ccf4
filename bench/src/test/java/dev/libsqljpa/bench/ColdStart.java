package dev.libsqljpa.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Child-JVM probe: prints {@code result firstResultMs=<ms since JVM start>} once {@code SELECT 1} is answered. */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0]);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            long ms = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("result firstResultMs=" + ms + " value=" + rs.getInt(1));
        }
    }
}
