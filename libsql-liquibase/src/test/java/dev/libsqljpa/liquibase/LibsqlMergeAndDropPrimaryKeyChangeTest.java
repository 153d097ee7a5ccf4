package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.MergeColumnChange;
import org.junit.jupiter.api.Test;

/** The replacement {@code mergeColumns} and {@code dropPrimaryKey} are interchangeable with Liquibase's in recorded changelogs. */
class LibsqlMergeAndDropPrimaryKeyChangeTest {

    private static <T extends MergeColumnChange> T merge(T change, String joinString) {
        change.setTableName("book");
        change.setColumn1Name("title");
        change.setColumn2Name("subtitle");
        change.setJoinString(joinString);
        change.setFinalColumnName("full_title");
        change.setFinalColumnType("VARCHAR(200)");
        return change;
    }

    private static <T extends DropPrimaryKeyChange> T dropPrimaryKey(T change, String table) {
        change.setTableName(table);
        return change;
    }

    @Test
    void mergeColumnsHasTheChecksumOfLiquibasesMergeColumns() {
        assertThat(merge(new LibsqlMergeColumnsChange(), ": ").generateCheckSum())
                .isEqualTo(merge(new MergeColumnChange(), ": ").generateCheckSum());
        assertThat(merge(new LibsqlMergeColumnsChange(), ": ").generateCheckSum())
                .describedAs("another join string, another checksum")
                .isNotEqualTo(merge(new MergeColumnChange(), " ").generateCheckSum());
    }

    @Test
    void dropPrimaryKeyHasTheChecksumOfLiquibasesDropPrimaryKey() {
        assertThat(dropPrimaryKey(new LibsqlDropPrimaryKeyChange(), "book").generateCheckSum())
                .isEqualTo(dropPrimaryKey(new DropPrimaryKeyChange(), "book").generateCheckSum());
        assertThat(dropPrimaryKey(new LibsqlDropPrimaryKeyChange(), "book").generateCheckSum())
                .describedAs("another table, another checksum")
                .isNotEqualTo(
                        dropPrimaryKey(new DropPrimaryKeyChange(), "review").generateCheckSum());
    }
}
