package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import liquibase.change.ColumnConfig;
import liquibase.change.core.DropColumnChange;
import org.junit.jupiter.api.Test;

/** The replacement {@code dropColumn} is interchangeable with Liquibase's in recorded changelogs. */
class LibsqlDropColumnChangeTest {

    private static <T extends DropColumnChange> T configured(T change, boolean nested) {
        change.setTableName("author");
        if (nested) {
            change.addColumn(new ColumnConfig().setName("bio"));
            change.addColumn(new ColumnConfig().setName("active"));
        } else {
            change.setColumnName("bio");
        }
        return change;
    }

    @Test
    void hasTheChecksumOfLiquibasesDropColumn() {
        for (boolean nested : new boolean[] {false, true}) {
            assertThat(configured(new LibsqlDropColumnChange(), nested).generateCheckSum())
                    .describedAs("checksum of dropColumn (nested columns: %s)", nested)
                    .isEqualTo(configured(new DropColumnChange(), nested).generateCheckSum());
        }
        assertThat(configured(new LibsqlDropColumnChange(), false).generateCheckSum())
                .describedAs("a different change has a different checksum")
                .isNotEqualTo(configured(new DropColumnChange(), true).generateCheckSum());
    }
}
