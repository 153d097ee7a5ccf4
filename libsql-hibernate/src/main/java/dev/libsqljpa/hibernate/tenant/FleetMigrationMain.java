package dev.libsqljpa.hibernate.tenant;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.SessionFactory;

/**
 * Command line for {@link FleetMigration}:
 * <pre>
 * java -cp app.jar:libs/* dev.libsqljpa.hibernate.tenant.FleetMigrationMain \
 *     --persistence-unit app --tenants tenants.txt [--parallelism 8] [--action update] [--set key=value]...
 * </pre>
 * The persistence unit supplies the mapping and the provider settings ({@code --set} adds or overrides
 * settings). Progress lines go to standard error, one line per failed tenant and the summary to standard
 * output. Exit status: 0 all tenants migrated or up to date, 1 some failed, 2 wrong arguments.
 */
public final class FleetMigrationMain {

    private FleetMigrationMain() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String unit = null;
        Path tenants = null;
        int parallelism = 4;
        String action = "update";
        Map<String, Object> settings = new HashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--persistence-unit" -> unit = value(args, ++i, arg);
                    case "--tenants" -> tenants = Path.of(value(args, ++i, arg));
                    case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, arg));
                    case "--action" -> action = value(args, ++i, arg);
                    case "--set" -> {
                        String kv = value(args, ++i, arg);
                        int eq = kv.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--set needs key=value");
                        }
                        settings.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (unit == null || tenants == null) {
                throw new IllegalArgumentException("--persistence-unit and --tenants are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("fleet migration: " + e.getMessage());
            err.println("usage: FleetMigrationMain --persistence-unit NAME --tenants FILE [--parallelism N]"
                    + " [--action update|create|validate] [--set key=value]...");
            return 2;
        }
        try (EntityManagerFactory emf = Persistence.createEntityManagerFactory(unit, settings)) {
            FleetMigration.FleetReport report = FleetMigration.builder(emf.unwrap(SessionFactory.class))
                    .tenantsFile(tenants)
                    .parallelism(parallelism)
                    .action(action)
                    .progress(p -> err.println(p.line()))
                    .build()
                    .run();
            for (FleetMigration.TenantResult r : report.failures()) {
                out.println("FAILED " + r.tenant()
                        + (r.failedStatement() == null ? "" : " at [" + r.failedStatement() + "]") + ": " + r.error());
            }
            out.println(report.summary());
            return report.failures().isEmpty() ? 0 : 1;
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
