package dev.libsqljpa.quality;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The architecture and coding rules of libsql-jpa (docs/architecture.md and docs/contributing.md), as ArchUnit rules over
 * the main classes of libsql-hrana, libsql-jdbc, libsql-testkit and libsql-hibernate.
 *
 * <p>Exemptions are listed here by exact class or method, each with its reason. A new exemption needs a
 * reason a reviewer accepts; everything else is fixed in the offending code.
 */
final class LibsqlArchitectureRules {

    private LibsqlArchitectureRules() {}

    static final String HRANA = "dev.libsqljpa.hrana..";
    static final String JDBC = "dev.libsqljpa.jdbc..";
    static final String JDBC_INTERNAL = "dev.libsqljpa.jdbc.internal..";
    static final String HIBERNATE = "dev.libsqljpa.hibernate..";
    static final String TESTKIT = "dev.libsqljpa.testkit..";
    /** The framework integrations: libsql-flyway, libsql-liquibase, libsql-spring-boot (Boot 4 build). */
    static final String FLYWAY = "dev.libsqljpa.flyway..";

    static final String LIQUIBASE = "dev.libsqljpa.liquibase..";
    static final String SPRING = "dev.libsqljpa.spring..";

    /**
     * Classes allowed to touch {@code System.out}/{@code System.err}: the testkit's {@code java -jar}
     * entry point prints its URL and usage (a CLI entry point may print).
     */
    static final Map<String, String> CONSOLE_EXEMPT_CLASSES = Map.of(
            "dev.libsqljpa.testkit.LibsqlTestServerMain",
            "the testkit's command-line entry point; printing the URL and usage is its job",
            "dev.libsqljpa.hibernate.tenant.FleetMigrationMain",
            "the fleet migration's command-line entry point; printing progress and the report is its job");

    /**
     * Methods (ArchUnit full names) allowed to pause a thread for a time ({@code Thread.sleep},
     * {@code TimeUnit.sleep}, {@code LockSupport.park*}, {@code Object.wait} with a timeout): each is a
     * bounded back-off inside a loop that re-checks its condition and gives up at a deadline. The
     * transport's retry back-off waits on the transport's close signal instead and needs no entry.
     */
    static final Map<String, String> SLEEP_EXEMPT_METHODS = Map.of(
            "dev.libsqljpa.hibernate.schema.DatabaseReadiness.await("
                    + "org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess, java.time.Duration, java.lang.String)",
            "readiness wait: exponential back-off (100 ms doubling, at most 2 s) between probes, up to the"
                    + " configured deadline",
            "dev.libsqljpa.jdbc.internal.Connector.pause(long)",
            "first contact with a server that refuses connections: 100 ms doubling to 2 s between attempts,"
                    + " up to the connectWait deadline",
            "dev.libsqljpa.testkit.LibsqlTestServer.startHttp(java.time.Duration)",
            "bind retry after a restart: 20 ms between attempts until the port is free or the deadline",
            "dev.libsqljpa.testkit.internal.ServerCore.onBusy(dev.libsqljpa.testkit.internal.ServerStream, int)",
            "SQLite busy handler: waits at most 10 ms for the lock-released signal, re-checks, and gives up"
                    + " after the configured maximum lock wait",
            "dev.libsqljpa.flyway.MigrationLock.acquire(org.flywaydb.core.internal.jdbc.JdbcConnectionFactory,"
                    + " org.flywaydb.core.api.configuration.Configuration, java.lang.String)",
            "Flyway migration lock held by another migrator: 100 ms doubling to 1 s between attempts, up to"
                    + " Flyway's lockRetryCount deadline",
            "dev.libsqljpa.hrana.http.Watchdog.watch()",
            "the transport's timer thread: parks until the earliest deadline of the exchanges in flight (an"
                    + " earlier deadline or close() unparks it at once), then interrupts the late ones");

    // ---- layers -------------------------------------------------------------------------------------

    static final ArchRule HRANA_HAS_NO_JDBC_API = noClasses()
            .that()
            .resideInAPackage(HRANA)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..")
            .because("the protocol layer reports typed outcomes and IOExceptions; only libsql-jdbc "
                    + "speaks java.sql");

    static final ArchRule HRANA_DEPENDS_ON_NO_UPPER_MODULE = noClasses()
            .that()
            .resideInAPackage(HRANA)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(JDBC, HIBERNATE, TESTKIT)
            .because("libsql-hrana is the bottom layer");

    static final ArchRule JDBC_DEPENDS_ON_NEITHER_HIBERNATE_NOR_TESTKIT = noClasses()
            .that()
            .resideInAPackage(JDBC)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(HIBERNATE, TESTKIT)
            .because("calls go one layer down only; the testkit is a test dependency of the driver");

    static final ArchRule HIBERNATE_USES_ONLY_JAVA_SQL_AND_PUBLIC_JDBC = noClasses()
            .that()
            .resideInAPackage(HIBERNATE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(JDBC_INTERNAL, HRANA)
            .because("Hibernate code talks java.sql and the public dev.libsqljpa.jdbc package only " + "");

    static final ArchRule LIBRARIES_DO_NOT_DEPEND_ON_TESTKIT = noClasses()
            .that()
            .resideInAnyPackage(HRANA, JDBC, HIBERNATE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(TESTKIT)
            .because("the testkit is a test server, never shipped with the libraries");

    static final ArchRule INTEGRATIONS_USE_ONLY_PUBLIC_APIS = noClasses()
            .that()
            .resideInAnyPackage(FLYWAY, LIQUIBASE, SPRING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    JDBC_INTERNAL, "dev.libsqljpa.hibernate.internal..", "dev.libsqljpa.testkit.internal..", HRANA)
            .because("the Flyway, Liquibase and Spring Boot integrations are users of the published API: "
                    + "internal packages and the protocol layer are not API");

    /** The whole picture in one rule: hrana is used by jdbc and the testkit, jdbc by hibernate only. */
    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Hrana")
            .definedBy(HRANA)
            .layer("Jdbc")
            .definedBy(JDBC)
            .layer("Hibernate")
            .definedBy(HIBERNATE)
            .layer("Testkit")
            .definedBy(TESTKIT)
            .whereLayer("Hibernate")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Testkit")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Jdbc")
            .mayOnlyBeAccessedByLayers("Hibernate")
            .whereLayer("Hrana")
            .mayOnlyBeAccessedByLayers("Jdbc", "Testkit")
            .because("wire model -> transport -> stream -> JDBC -> Hibernate; calls go down only");

    /** Inside libsql-hrana: proto is used by codec, transport and stream; codec by transport and stream. */
    static final ArchRule HRANA_INTERNAL_LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Proto")
            .definedBy("dev.libsqljpa.hrana.v3.proto..")
            .layer("Codec")
            .definedBy("dev.libsqljpa.hrana.v3.codec..")
            .layer("Http")
            .definedBy("dev.libsqljpa.hrana.http..")
            .layer("Session")
            .definedBy("dev.libsqljpa.hrana.session..")
            .whereLayer("Session")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Http")
            .mayOnlyBeAccessedByLayers("Session")
            .whereLayer("Codec")
            .mayOnlyBeAccessedByLayers("Http", "Session")
            .whereLayer("Proto")
            .mayOnlyBeAccessedByLayers("Codec", "Http", "Session")
            .because("wire model -> transport -> stream/session, with no exemption");

    static final ArchRule HRANA_WIRE_MODEL_HAS_NO_IO_OR_JSON = noClasses()
            .that()
            .resideInAPackage("dev.libsqljpa.hrana.v3.proto..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.io..", "java.net..", "java.nio.file..", "java.nio.channels..", "com.fasterxml..")
            .because("the wire model is records and sealed types only: JSON lives in the codec, I/O in "
                    + "the transport");

    static final ArchRule JDBC_BUILDS_NO_JSON_OR_HTTP = noClasses()
            .that()
            .resideInAPackage(JDBC)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net.http..", "com.fasterxml..", "dev.libsqljpa.hrana.v3.codec..")
            .because("JDBC code does not build JSON or HTTP requests; it goes through HranaStream and "
                    + "the shared HranaTransport");

    // ---- banned calls ---------------------------------------------------------------------------------

    static final ArchRule NO_CONSOLE_OUTPUT = noClasses()
            .that()
            .resideInAnyPackage(HRANA, JDBC, HIBERNATE, TESTKIT)
            .and()
            .doNotHaveFullyQualifiedName("dev.libsqljpa.testkit.LibsqlTestServerMain")
            .and()
            .doNotHaveFullyQualifiedName("dev.libsqljpa.hibernate.tenant.FleetMigrationMain")
            .should(accessConsole())
            .because("library code logs (System.Logger / JBoss Logging) instead of printing; exempt: "
                    + CONSOLE_EXEMPT_CLASSES);

    static final ArchRule NO_SLEEP = noSleep(SLEEP_EXEMPT_METHODS);

    /**
     * No timed pause outside {@code exemptMethods}: {@code Thread.sleep}, {@code TimeUnit.sleep}, any
     * {@code LockSupport.park*} (a park is a sleep by another name) and {@code Object.wait(long[, int])}.
     * {@code Object.wait()} without a timeout (waiting for a notification) is not a sleep.
     */
    static ArchRule noSleep(Map<String, String> exemptMethods) {
        return noClasses()
                .that()
                .resideInAnyPackage(HRANA, JDBC, HIBERNATE, TESTKIT, FLYWAY, LIQUIBASE, SPRING)
                .should(callOutside(
                        exemptMethods,
                        "call Thread.sleep, TimeUnit.sleep, LockSupport.park* or Object.wait(timeout)",
                        LibsqlArchitectureRules::pausesForATime))
                .because("wait for a condition with a deadline, never a fixed sleep; a bounded back-off is"
                        + " exempted by exact method; exempt: " + exemptMethods.keySet());
    }

    private static boolean pausesForATime(JavaMethodCall call) {
        String name = call.getName();
        if (name.equals("sleep")) {
            return call.getTargetOwner().isEquivalentTo(Thread.class)
                    || call.getTargetOwner().isEquivalentTo(TimeUnit.class);
        }
        if (name.startsWith("park")) {
            return call.getTargetOwner().isEquivalentTo(LockSupport.class);
        }
        return name.equals("wait") && !call.getTarget().getRawParameterTypes().isEmpty();
    }

    static final ArchRule NO_LOCALE_LESS_CASE_CONVERSION = noClasses()
            .that()
            .resideInAnyPackage(HRANA, JDBC, HIBERNATE, TESTKIT)
            .should()
            .callMethod(String.class, "toLowerCase")
            .orShould()
            .callMethod(String.class, "toUpperCase")
            .because("case conversion must not depend on the default locale (Turkish i); "
                    + "use toLowerCase(Locale.ROOT)");

    static final ArchRule NO_PRINT_STACK_TRACE = noClasses()
            .that()
            .resideInAnyPackage(HRANA, JDBC, HIBERNATE, TESTKIT)
            .should(callOutside(
                    Map.of(), "call printStackTrace()", call -> call.getName().equals("printStackTrace")))
            .because("exceptions are thrown with their cause or logged, never dumped to stderr");

    /**
     * Package pairs allowed to depend on each other: a public API package (origin) and its
     * implementation package with sub-packages (target). The API hands out implementation objects and
     * the implementation implements or returns the API's types. Nothing else may form a cycle.
     */
    static final Map<String, String> CYCLE_EXEMPT_PACKAGE_PAIRS = Map.of(
            "dev.libsqljpa.jdbc", "dev.libsqljpa.jdbc.internal",
            "dev.libsqljpa.hibernate", "dev.libsqljpa.hibernate.internal",
            "dev.libsqljpa.testkit", "dev.libsqljpa.testkit.internal");

    static final ArchRule NO_PACKAGE_CYCLES = noPackageCycles();

    private static ArchRule noPackageCycles() {
        SliceRule rule = slices().matching("dev.libsqljpa.(**)").should().beFreeOfCycles();
        for (Map.Entry<String, String> pair : CYCLE_EXEMPT_PACKAGE_PAIRS.entrySet()) {
            String api = pair.getKey();
            String impl = pair.getValue();
            rule = rule.ignoreDependency(
                    DescribedPredicate.describe(
                            "package " + api,
                            (JavaClass c) -> c.getPackageName().equals(api)),
                    DescribedPredicate.describe(
                            "package " + impl + "..",
                            (JavaClass c) -> c.getPackageName().equals(impl)
                                    || c.getPackageName().startsWith(impl + ".")));
        }
        return rule.because("packages form a tree that can be read and changed one at a time; the only "
                + "exemptions are the API/implementation pairs " + CYCLE_EXEMPT_PACKAGE_PAIRS);
    }

    static final List<ArchRule> ALL = List.of(
            HRANA_HAS_NO_JDBC_API,
            HRANA_DEPENDS_ON_NO_UPPER_MODULE,
            JDBC_DEPENDS_ON_NEITHER_HIBERNATE_NOR_TESTKIT,
            HIBERNATE_USES_ONLY_JAVA_SQL_AND_PUBLIC_JDBC,
            LIBRARIES_DO_NOT_DEPEND_ON_TESTKIT,
            INTEGRATIONS_USE_ONLY_PUBLIC_APIS,
            LAYERS,
            HRANA_INTERNAL_LAYERS,
            HRANA_WIRE_MODEL_HAS_NO_IO_OR_JSON,
            JDBC_BUILDS_NO_JSON_OR_HTTP,
            NO_CONSOLE_OUTPUT,
            NO_SLEEP,
            NO_LOCALE_LESS_CASE_CONVERSION,
            NO_PRINT_STACK_TRACE,
            NO_PACKAGE_CYCLES);

    // ---- conditions -----------------------------------------------------------------------------------

    private static ArchCondition<JavaClass> accessConsole() {
        return new ArchCondition<>("access System.out or System.err") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaFieldAccess access : javaClass.getFieldAccessesFromSelf()) {
                    boolean console = access.getTargetOwner().isEquivalentTo(System.class)
                            && (access.getName().equals("out")
                                    || access.getName().equals("err"));
                    if (console) {
                        events.add(SimpleConditionEvent.satisfied(access, access.getDescription()));
                    }
                }
            }
        };
    }

    /**
     * Satisfied (so a violation under {@code noClasses()}) for every call matching {@code banned} whose
     * calling method is not in {@code exemptMethods}.
     */
    private static ArchCondition<JavaClass> callOutside(
            Map<String, String> exemptMethods, String description, Predicate<JavaMethodCall> banned) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                    if (banned.test(call)
                            && !exemptMethods.containsKey(call.getOrigin().getFullName())) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
                    }
                }
            }
        };
    }
}
