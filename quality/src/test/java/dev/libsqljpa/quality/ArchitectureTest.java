package dev.libsqljpa.quality;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Checks {@link LibsqlArchitectureRules} against the main classes of every library module on this module's
 * classpath (libsql-hrana, libsql-jdbc, libsql-testkit, libsql-hibernate, libsql-flyway,
 * libsql-liquibase, libsql-spring-boot-starter). Test classes are not imported.
 */
@AnalyzeClasses(packages = "dev.libsqljpa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule hranaHasNoJdbcApi = LibsqlArchitectureRules.HRANA_HAS_NO_JDBC_API;

    @ArchTest
    static final ArchRule hranaDependsOnNoUpperModule = LibsqlArchitectureRules.HRANA_DEPENDS_ON_NO_UPPER_MODULE;

    @ArchTest
    static final ArchRule jdbcDependsOnNeitherHibernateNorTestkit =
            LibsqlArchitectureRules.JDBC_DEPENDS_ON_NEITHER_HIBERNATE_NOR_TESTKIT;

    @ArchTest
    static final ArchRule hibernateUsesOnlyJavaSqlAndPublicJdbc =
            LibsqlArchitectureRules.HIBERNATE_USES_ONLY_JAVA_SQL_AND_PUBLIC_JDBC;

    @ArchTest
    static final ArchRule librariesDoNotDependOnTestkit = LibsqlArchitectureRules.LIBRARIES_DO_NOT_DEPEND_ON_TESTKIT;

    @ArchTest
    static final ArchRule integrationsUseOnlyPublicApis = LibsqlArchitectureRules.INTEGRATIONS_USE_ONLY_PUBLIC_APIS;

    @ArchTest
    static final ArchRule layers = LibsqlArchitectureRules.LAYERS;

    @ArchTest
    static final ArchRule hranaInternalLayers = LibsqlArchitectureRules.HRANA_INTERNAL_LAYERS;

    @ArchTest
    static final ArchRule hranaWireModelHasNoIoOrJson = LibsqlArchitectureRules.HRANA_WIRE_MODEL_HAS_NO_IO_OR_JSON;

    @ArchTest
    static final ArchRule jdbcBuildsNoJsonOrHttp = LibsqlArchitectureRules.JDBC_BUILDS_NO_JSON_OR_HTTP;

    @ArchTest
    static final ArchRule noConsoleOutput = LibsqlArchitectureRules.NO_CONSOLE_OUTPUT;

    @ArchTest
    static final ArchRule noSleep = LibsqlArchitectureRules.NO_SLEEP;

    @ArchTest
    static final ArchRule noLocaleLessCaseConversion = LibsqlArchitectureRules.NO_LOCALE_LESS_CASE_CONVERSION;

    @ArchTest
    static final ArchRule noPrintStackTrace = LibsqlArchitectureRules.NO_PRINT_STACK_TRACE;

    @ArchTest
    static final ArchRule noPackageCycles = LibsqlArchitectureRules.NO_PACKAGE_CYCLES;
}
