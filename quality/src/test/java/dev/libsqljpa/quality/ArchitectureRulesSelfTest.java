package dev.libsqljpa.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.libsqljpa.flyway.archfixture.FlywayUsingInternals;
import dev.libsqljpa.hibernate.archfixture.HibernateFixture;
import dev.libsqljpa.hibernate.archfixture.HibernateUsingInternals;
import dev.libsqljpa.hibernate.archfixture.HibernateUsingPublicJdbc;
import dev.libsqljpa.hrana.archfixture.HranaFixture;
import dev.libsqljpa.hrana.archfixture.HranaUsingUpperLayers;
import dev.libsqljpa.hrana.archfixture.cycle.left.LeftOfCycle;
import dev.libsqljpa.hrana.archfixture.cycle.right.RightOfCycle;
import dev.libsqljpa.hrana.http.archfixture.TransportUsingSession;
import dev.libsqljpa.hrana.session.archfixture.SessionFixture;
import dev.libsqljpa.hrana.v3.codec.archfixture.CodecUsingTransport;
import dev.libsqljpa.hrana.v3.proto.archfixture.ProtoDoingIoAndJson;
import dev.libsqljpa.jdbc.archfixture.AllowedCalls;
import dev.libsqljpa.jdbc.archfixture.BannedCalls;
import dev.libsqljpa.jdbc.archfixture.JdbcApiFixture;
import dev.libsqljpa.jdbc.archfixture.JdbcBuildingJsonAndHttp;
import dev.libsqljpa.jdbc.archfixture.JdbcUsingUpperLayers;
import dev.libsqljpa.jdbc.internal.archfixture.InternalFixture;
import dev.libsqljpa.testkit.archfixture.TestkitFixture;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proves that every rule in {@link LibsqlArchitectureRules} can fail: each one is checked against
 * deliberately bad classes (packages {@code dev.libsqljpa.*.archfixture}, test code of this module, which
 * {@link ArchitectureTest} does not import) and must name the offender; the allowed forms must pass.
 */
class ArchitectureRulesSelfTest {

    private static final JavaClasses BAD_AND_GOOD = new ClassFileImporter()
            .importClasses(
                    HranaUsingUpperLayers.class,
                    HranaFixture.class,
                    JdbcUsingUpperLayers.class,
                    JdbcApiFixture.class,
                    BannedCalls.class,
                    AllowedCalls.class,
                    InternalFixture.class,
                    HibernateUsingInternals.class,
                    HibernateUsingPublicJdbc.class,
                    HibernateFixture.class,
                    TestkitFixture.class,
                    ProtoDoingIoAndJson.class,
                    CodecUsingTransport.class,
                    TransportUsingSession.class,
                    SessionFixture.class,
                    JdbcBuildingJsonAndHttp.class,
                    LeftOfCycle.class,
                    RightOfCycle.class,
                    FlywayUsingInternals.class);

    private static final JavaClasses GOOD_ONLY = new ClassFileImporter()
            .importClasses(
                    HranaFixture.class,
                    JdbcApiFixture.class,
                    AllowedCalls.class,
                    InternalFixture.class,
                    HibernateUsingPublicJdbc.class,
                    HibernateFixture.class,
                    SessionFixture.class);

    private static void assertViolation(ArchRule rule, String... offenders) {
        assertThatThrownBy(() -> rule.check(BAD_AND_GOOD))
                .describedAs("rule '%s' must fail on the fixtures", rule.getDescription())
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(offenders);
    }

    @Test
    void hranaUsingJavaSqlIsReported() {
        assertViolation(
                LibsqlArchitectureRules.HRANA_HAS_NO_JDBC_API, "HranaUsingUpperLayers.fail()", "java.sql.SQLException");
    }

    @Test
    void hranaCallingTheDriverIsReported() {
        assertViolation(
                LibsqlArchitectureRules.HRANA_DEPENDS_ON_NO_UPPER_MODULE,
                "HranaUsingUpperLayers.fail()",
                "JdbcApiFixture.touch()");
    }

    @Test
    void driverCallingHibernateOrTestkitIsReported() {
        assertViolation(
                LibsqlArchitectureRules.JDBC_DEPENDS_ON_NEITHER_HIBERNATE_NOR_TESTKIT,
                "JdbcUsingUpperLayers.fail()",
                "HibernateFixture.touch()",
                "TestkitFixture.touch()");
    }

    @Test
    void hibernateUsingDriverInternalsOrHranaIsReported() {
        assertViolation(
                LibsqlArchitectureRules.HIBERNATE_USES_ONLY_JAVA_SQL_AND_PUBLIC_JDBC,
                "HibernateUsingInternals.fail()",
                "InternalFixture.touch()",
                "HranaFixture.touch()");
    }

    @Test
    void libraryUsingTestkitIsReported() {
        assertViolation(
                LibsqlArchitectureRules.LIBRARIES_DO_NOT_DEPEND_ON_TESTKIT,
                "JdbcUsingUpperLayers.fail()",
                "TestkitFixture.touch()");
    }

    @Test
    void integrationUsingInternalsOrHranaIsReported() {
        assertViolation(
                LibsqlArchitectureRules.INTEGRATIONS_USE_ONLY_PUBLIC_APIS,
                "FlywayUsingInternals.fail()",
                "InternalFixture.touch()",
                "HranaFixture.touch()");
    }

    @Test
    void sleepsInTheIntegrationsAreReported() {
        assertViolation(LibsqlArchitectureRules.NO_SLEEP, "FlywayUsingInternals.sleeps()");
    }

    @Test
    void layerViolationsAreReportedInBothDirections() {
        assertViolation(
                LibsqlArchitectureRules.LAYERS,
                "HranaUsingUpperLayers.fail()",
                "JdbcUsingUpperLayers.fail()",
                "HibernateUsingInternals.fail()");
    }

    @Test
    void hranaInternalLayerViolationsAreReported() {
        assertViolation(
                LibsqlArchitectureRules.HRANA_INTERNAL_LAYERS,
                "ProtoDoingIoAndJson.json()",
                "CodecUsingTransport.encode()",
                "TransportUsingSession.send()");
    }

    @Test
    void wireModelDoingIoOrJsonIsReported() {
        assertViolation(
                LibsqlArchitectureRules.HRANA_WIRE_MODEL_HAS_NO_IO_OR_JSON,
                "java.net.URI",
                "com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void driverBuildingJsonOrHttpIsReported() {
        assertViolation(
                LibsqlArchitectureRules.JDBC_BUILDS_NO_JSON_OR_HTTP,
                "JdbcBuildingJsonAndHttp.fail()",
                "java.net.http.HttpClient",
                "com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void consoleOutputIsReportedOutsideTheCliEntryPoint() {
        assertViolation(
                LibsqlArchitectureRules.NO_CONSOLE_OUTPUT,
                "BannedCalls.printsToStdout()",
                "BannedCalls.printsToStderr()",
                "TestkitFixture.touch()");
    }

    @Test
    void sleepsAreReportedIncludingTimeUnitAndNonExemptNamesakes() {
        assertViolation(
                LibsqlArchitectureRules.NO_SLEEP,
                "BannedCalls.sleepsOnThread()",
                "BannedCalls.sleepsOnTimeUnit()",
                "BannedCalls.pause(");
    }

    @Test
    void parksAndTimedWaitsAreReportedAsSleeps() {
        assertViolation(
                LibsqlArchitectureRules.NO_SLEEP,
                "BannedCalls.parksForAWhile()",
                "BannedCalls.parksUntilADeadline()",
                "BannedCalls.waitsOnAMonitorForAWhile(",
                BOUNDED_BACK_OFF_CALL);
    }

    /** How a violation names the fixture's bounded back-off as the caller. */
    private static final String BOUNDED_BACK_OFF_CALL =
            "Method <dev.libsqljpa.jdbc.archfixture.BannedCalls.boundedBackOff(long)> calls";

    @Test
    void aBoundedBackOffIsAllowedOnlyByItsNamedExemption() {
        ArchRule exempting = LibsqlArchitectureRules.noSleep(
                Map.of("dev.libsqljpa.jdbc.archfixture.BannedCalls.boundedBackOff(long)", "fixture: bounded back-off"));
        assertThatThrownBy(() -> exempting.check(BAD_AND_GOOD))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BannedCalls.parksForAWhile()")
                .satisfies(e -> assertThat(e.getMessage())
                        .describedAs("the exempt method is not reported")
                        .doesNotContain(BOUNDED_BACK_OFF_CALL));
        assertThatCode(() -> LibsqlArchitectureRules.NO_SLEEP.check(GOOD_ONLY))
                .describedAs("Object.wait() without a timeout is not a sleep")
                .doesNotThrowAnyException();
    }

    @Test
    void localeLessCaseConversionIsReported() {
        assertViolation(
                LibsqlArchitectureRules.NO_LOCALE_LESS_CASE_CONVERSION,
                "BannedCalls.lowerCasesInDefaultLocale(",
                "BannedCalls.upperCasesInDefaultLocale(");
    }

    @Test
    void printStackTraceIsReported() {
        assertViolation(LibsqlArchitectureRules.NO_PRINT_STACK_TRACE, "BannedCalls.dumpsStackTrace(");
    }

    @Test
    void packageCycleIsReported() {
        assertViolation(
                LibsqlArchitectureRules.NO_PACKAGE_CYCLES,
                "Slice hrana.archfixture.cycle.left",
                "Slice hrana.archfixture.cycle.right",
                "LeftOfCycle.partner()",
                "RightOfCycle.partner()");
    }

    @Test
    void allowedFormsPassEveryRule() {
        for (ArchRule rule : LibsqlArchitectureRules.ALL) {
            assertThatCode(() -> rule.allowEmptyShould(true).check(GOOD_ONLY))
                    .describedAs("rule '%s' on allowed code", rule.getDescription())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyRuleHasASelfTest() {
        assertThat(LibsqlArchitectureRules.ALL).hasSize(15);
    }

    @Test
    void productionImportSeesEveryModuleAndNoTestClasses() {
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.libsqljpa");
        Set<String> names = imported.stream().map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(names)
                .describedAs("main classes of the library and integration modules")
                .contains(
                        "dev.libsqljpa.hrana.http.HranaEndpoint",
                        "dev.libsqljpa.jdbc.LibsqlDriver",
                        "dev.libsqljpa.hibernate.LibsqlDialect",
                        "dev.libsqljpa.testkit.LibsqlTestServerMain",
                        "dev.libsqljpa.flyway.LibsqlDatabaseType",
                        "dev.libsqljpa.liquibase.LibsqlDatabase",
                        "dev.libsqljpa.spring.boot.LibsqlDefaults")
                .noneMatch(name -> name.contains(".archfixture.") || name.startsWith("dev.libsqljpa.quality."));
    }
}
