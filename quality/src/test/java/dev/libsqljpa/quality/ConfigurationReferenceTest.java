package dev.libsqljpa.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hibernate.schema.SchemaSettings;
import dev.libsqljpa.hibernate.tenant.TenantSettings;
import dev.libsqljpa.jdbc.LibsqlProperty;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every setting of the driver, the schema tool and the tenant provider, with its default. */
class ConfigurationReferenceTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|[^|]*\\|[^|]*\\| ([^|]*) \\|");

    private static Map<String, String> documentedDefaults() throws IOException {
        Path page = Path.of("..", "docs", "configuration.md");
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(1), m.group(2).trim());
            }
        }
        return rows;
    }

    @Test
    void everyDriverPropertyIsDocumentedWithItsDefault() throws IOException {
        Map<String, String> rows = documentedDefaults();
        for (LibsqlProperty property : LibsqlProperty.values()) {
            assertThat(rows)
                    .describedAs("row for driver property %s", property.propertyName())
                    .containsKey(property.propertyName());
            String expected = property.defaultValue() == null ? "none" : "`" + property.defaultValue() + "`";
            assertThat(rows.get(property.propertyName()))
                    .describedAs("default of %s", property.propertyName())
                    .isEqualTo(expected);
        }
    }

    @Test
    void everySchemaToolSettingIsDocumented() throws Exception {
        Map<String, String> rows = documentedDefaults();
        for (Field field : SchemaSettings.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && !field.getName().startsWith("DEFAULT_")) {
                String key = (String) field.get(null);
                assertThat(rows).describedAs("row for schema setting %s", key).containsKey(key);
            }
        }
        assertThat(rows.get(SchemaSettings.WAIT_TIMEOUT)).isEqualTo("`" + SchemaSettings.DEFAULT_WAIT_TIMEOUT + "`");
    }

    @Test
    void everyTenantSettingIsDocumented() throws Exception {
        Map<String, String> rows = documentedDefaults();
        for (Field field : TenantSettings.class.getFields()) {
            String key = (String) field.get(null);
            if (key.startsWith("libsql.tenant.") && !key.endsWith(".")) {
                assertThat(rows).describedAs("row for tenant setting %s", key).containsKey(key);
            } else if (key.endsWith(".")) {
                assertThat(rows.keySet())
                        .describedAs("row for tenant setting prefix %s", key)
                        .anyMatch(name -> name.startsWith(key));
            }
        }
    }

    @Test
    void noRowNamesASettingThatDoesNotExist() throws Exception {
        Map<String, String> rows = documentedDefaults();
        for (String name : rows.keySet()) {
            if (name.startsWith("libsql.")) {
                boolean known = false;
                for (Field field : SchemaSettings.class.getFields()) {
                    known |= field.getType() == String.class && name.equals(field.get(null));
                }
                for (Field field : TenantSettings.class.getFields()) {
                    Object value = field.get(null);
                    known |= value instanceof String
                            && (name.equals(value)
                                    || ((String) value).endsWith(".")
                                            && name.startsWith((String) value)
                                            && name.endsWith(">"));
                }
                assertThat(known)
                        .describedAs("documented setting %s exists in SchemaSettings or TenantSettings", name)
                        .isTrue();
            } else if (!name.startsWith("--") && !name.startsWith("LIBSQL_") && !name.startsWith("hibernate.")) {
                assertThat(LibsqlProperty.values())
                        .describedAs("documented driver property %s exists", name)
                        .anyMatch(p -> p.propertyName().equals(name));
            }
        }
    }
}
