package dev.libsqljpa.hibernate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults for NOT NULL columns, the readiness setting and URL redaction. */
class SchemaToolPartsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "integer|0",
                "bigint|0",
                "boolean|0",
                "numeric(38,2)|0",
                "float|0.0",
                "double precision|0.0",
                "varchar(255)|''",
                "text|''",
                "blob|x''",
                "varbinary(16)|x''",
                "timestamp|'1970-01-01 00:00:00'",
                "timestamp with time zone|'1970-01-01 00:00:00'",
                "date|'1970-01-01'",
                "time|'00:00:00'",
            })
    void notNullColumnsGetATypeDerivedConstantDefault(String type, String literal) {
        assertThat(TypeAffinity.defaultLiteral(type)).isEqualTo(literal);
    }

    @Test
    void waitTimeoutAcceptsMillisecondsAndUnitsAndRejectsGarbage() {
        assertThat(SchemaRun.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SchemaRun.parseDuration("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SchemaRun.parseDuration(" 90s ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SchemaRun.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SchemaRun.parseDuration(250)).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> SchemaRun.parseDuration("soon"))
                .isInstanceOf(SchemaManagementException.class)
                .hasMessageContaining(SchemaSettings.WAIT_TIMEOUT)
                .hasMessageContaining("soon");
    }

    @Test
    void urlsAreShownWithoutCredentialsOrParameters() {
        assertThat(DatabaseReadiness.redact("jdbc:libsql://db-org.turso.io?authToken=secret&tls=1"))
                .isEqualTo("jdbc:libsql://db-org.turso.io");
        assertThat(DatabaseReadiness.redact("jdbc:libsql:https://user:secret@db.example.com/x"))
                .isEqualTo("jdbc:libsql:https://db.example.com/x");
        assertThat(DatabaseReadiness.redact(null)).isEqualTo("(the configured data source)");
        assertThat(DatabaseReadiness.redact("jdbc:libsql://db.example:8080;authToken=secret"))
                .isEqualTo("jdbc:libsql://db.example:8080");
        assertThat(DatabaseReadiness.redact("jdbc:libsql://db.example#authToken=secret"))
                .isEqualTo("jdbc:libsql://db.example");
    }
}
