package dev.libsqljpa.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LibsqlPropertyTest {

    private static Class<?> beanType(LibsqlProperty property) {
        switch (property.type()) {
            case BOOLEAN:
                return boolean.class;
            case INTEGER:
                return int.class;
            case STRING:
            case CHOICE:
                return String.class;
            default:
                throw new AssertionError(property.type());
        }
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Test
    void everyPropertyHasADataSourceGetterAndSetter() throws Exception {
        for (LibsqlProperty property : LibsqlProperty.values()) {
            String bean = capitalized(property.propertyName());
            Method setter = LibsqlDataSource.class.getMethod("set" + bean, beanType(property));
            Method getter = LibsqlDataSource.class.getMethod("get" + bean);
            assertThat(getter.getReturnType())
                    .describedAs(property + " getter type")
                    .isEqualTo(beanType(property));
            assertThat(setter).isNotNull();
        }
        assertThat(LibsqlDataSource.class.getMethod("setUrl", String.class)).isNotNull();
    }

    @Test
    void dataSourceSettersReachTheSettings() throws Exception {
        LibsqlDataSource dataSource = new LibsqlDataSource();
        dataSource.setConnectTimeout(3);
        dataSource.setForeignKeys(false);
        dataSource.setTransactionMode("IMMEDIATE");
        dataSource.setAuthToken("s3cr3t-token");
        dataSource.setUrl("jdbc:libsql://db.turso.io");
        assertThat(dataSource.getConnectTimeout()).isEqualTo(3);
        assertThat(dataSource.getForeignKeys()).isFalse();
        assertThat(dataSource.getTransactionMode()).isEqualTo("IMMEDIATE");
        assertThat(dataSource.getAuthToken())
                .describedAs("secrets are write-only")
                .isNull();
        assertThat(dataSource.toString()).doesNotContain("s3cr3t-token");
        dataSource.close();
    }

    @Test
    void dataSourceAndUrlParsingReadBooleansTheSameWay() throws Exception {
        for (String spelling : new String[] {"true", "TRUE", " on ", "yes", "1"}) {
            LibsqlDataSource dataSource = new LibsqlDataSource();
            dataSource.setProperty("tls", spelling);
            dataSource.setProperty("foreignKeys", spelling);
            assertThat(dataSource.getTls()).describedAs("tls=%s", spelling).isTrue();
            assertThat(dataSource.getForeignKeys())
                    .describedAs("foreignKeys=%s", spelling)
                    .isTrue();
            Properties properties = new Properties();
            properties.setProperty("tls", spelling);
            assertThat(LibsqlProperty.TLS.booleanValue(properties)).contains(true);
        }
        for (String spelling : new String[] {"false", "Off", "no", "0"}) {
            LibsqlDataSource dataSource = new LibsqlDataSource();
            dataSource.setProperty("tls", spelling);
            assertThat(dataSource.getTls()).describedAs("tls=%s", spelling).isFalse();
            Properties properties = new Properties();
            properties.setProperty("tls", spelling);
            assertThat(LibsqlProperty.TLS.booleanValue(properties)).contains(false);
        }
        Properties bad = new Properties();
        bad.setProperty("tls", "maybe");
        assertThat(LibsqlProperty.TLS.booleanValue(bad)).isEmpty();
    }

    @Test
    void everyPropertyIsInTheDocsTableAndNothingElse() throws IOException {
        Path docs = Path.of(System.getProperty("user.dir"))
                .resolve("../docs/jdbc.md")
                .normalize();
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- properties:start -->");
        int end = text.indexOf("<!-- properties:end -->");
        assertThat(start)
                .describedAs("docs/jdbc.md has a property table marker")
                .isPositive();
        String table = text.substring(start, end);
        long rows = table.lines().filter(line -> line.startsWith("| `")).count();
        assertThat(rows).describedAs("one table row per LibsqlProperty").isEqualTo(LibsqlProperty.values().length);
        for (LibsqlProperty property : LibsqlProperty.values()) {
            String expected = "| `" + property.propertyName() + "` | "
                    + property.type().name().toLowerCase(Locale.ROOT) + " | "
                    + (property.defaultValue() == null ? "" : "`" + property.defaultValue() + "`") + " |";
            assertThat(table).describedAs("docs row for " + property).contains(expected);
        }
    }

    @Test
    void propertyInfoListsEveryPropertyWithoutSecrets() throws SQLException {
        NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
        Properties info = new Properties();
        info.setProperty("authToken", "s3cr3t-token");
        DriverPropertyInfo[] infos = driver.getPropertyInfo("jdbc:libsql://db.turso.io?foreignKeys=false", info);
        assertThat(infos).hasSize(LibsqlProperty.values().length);
        for (DriverPropertyInfo propertyInfo : infos) {
            assertThat(propertyInfo.description).isNotBlank();
            assertThat(String.valueOf(propertyInfo.value)).doesNotContain("s3cr3t-token");
            if (propertyInfo.name.equals("foreignKeys")) {
                assertThat(propertyInfo.value).isEqualTo("false");
                assertThat(propertyInfo.choices).containsExactly("true", "false");
            }
        }
        driver.close();
    }

    @Test
    void driverAcceptsOnlyLibsqlUrlsAndReportsItsVersion() throws SQLException {
        NonRegisteringLibsqlDriver driver = new NonRegisteringLibsqlDriver();
        assertThat(driver.acceptsURL("jdbc:libsql://x.io")).isTrue();
        assertThat(driver.acceptsURL("jdbc:sqlite:x.db")).isFalse();
        assertThat(driver.connect("jdbc:sqlite:x.db", new Properties())).isNull();
        assertThat(NonRegisteringLibsqlDriver.version()).doesNotContain("${").matches("\\d+\\.\\d+.*");
        assertThat(driver.getMajorVersion() * 1000 + driver.getMinorVersion()).isGreaterThanOrEqualTo(0);
        driver.close();
    }

    @Test
    void registeredDriverIsFoundByDriverManager() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:libsql://x.io")).isInstanceOf(LibsqlDriver.class);
    }
}
