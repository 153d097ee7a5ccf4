package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.SQLException;
import liquibase.exception.LiquibaseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dropColumn}, {@code addDefaultValue} and {@code addAutoIncrement} through this module, on the parent
 * table {@code author} (referenced by {@code book ON DELETE CASCADE}, 2 authors, 3 books) and on the child
 * {@code book}. Runs on Liquibase 4.31.1 and 4.33.0 (two surefire executions).
 */
class LiquibaseRebuildingChangesTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private TestDatabase db;

    @BeforeEach
    void baseSchema() throws Exception {
        db = new TestDatabase("jdbc:libsql:" + libsql.server().url());
        db.update("changelog/base.xml", "");
        assertThat(db.columns("author")).containsExactly("id", "name", "bio", "active");
    }

    @Test
    void dropColumnOfAPlainColumnOfAReferencedTableIsDroppedInPlaceWithForeignKeysOn() throws Exception {
        db.update("changelog/drop-in-place.xml", "");

        assertThat(db.columns("author")).containsExactly("id", "name", "active");
        assertThat(db.query("SELECT id || ':' || name || ':' || active FROM author ORDER BY id"))
                .containsExactly("1:Ada:1", "2:Grace:1");
        db.assertChildIntact();
        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED", "4:EXECUTED");
    }

    @Test
    void dropColumnWithNestedColumnsDropsEachOfThem() throws Exception {
        db.update("changelog/drop-nested.xml", "");

        assertThat(db.columns("author")).containsExactly("id", "name");
        db.assertChildIntact();
    }

    @Test
    void dropColumnOfAnIndexedColumnOfAParentRebuildsItKeepingChildRowsAndReferences() throws Exception {
        db.update("changelog/drop-indexed-parent.xml", "?foreignKeys=false");

        assertThat(db.columns("author")).containsExactly("id", "name", "active");
        assertThat(db.indexes("author"))
                .describedAs("the index on the dropped column")
                .isEmpty();
        assertThat(db.query("SELECT id || ':' || name FROM author ORDER BY id")).containsExactly("1:Ada", "2:Grace");
        db.assertChildIntact();
        db.execute("INSERT INTO author (id, name) VALUES (3, 'Linus')");
        assertThat(db.query("SELECT active FROM author WHERE id = 3"))
                .describedAs("the default of a kept column after the rebuild")
                .containsExactly("1");
        assertThat(db.changeLog()).hasSize(5);
    }

    @Test
    void dropColumnOfAnIndexedColumnOfAChildKeepsTheChildsOwnForeignKey() throws Exception {
        db.update("changelog/drop-indexed-child.xml", "");

        assertThat(db.columns("book")).containsExactly("id", "author_id");
        assertThat(db.query("SELECT id || ':' || author_id FROM book ORDER BY id"))
                .containsExactly("1:1", "2:1", "3:2");
        assertThat(db.foreignKeys("book"))
                .describedAs("book's own foreign key after book was rebuilt")
                .containsExactly("author_id->author(id) ON DELETE CASCADE");
        assertThat(db.tables()).doesNotContain("book_temporary");
        assertThatThrownBy(() -> db.execute("INSERT INTO book (id, author_id) VALUES (4, 99)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("FOREIGN KEY");
        db.execute("DELETE FROM author WHERE id = 2");
        assertThat(db.query("SELECT id FROM book ORDER BY id"))
                .describedAs("ON DELETE CASCADE still applies")
                .containsExactly("1", "2");
    }

    @Test
    void droppingAColumnThatIsNotThereFailsClearlyAndChangesNothing() throws Exception {
        assertThatThrownBy(() -> db.update("changelog/drop-missing.xml", ""))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("cannot drop column author.nickname")
                .hasStackTraceContaining("table author has no column nickname (its columns: id, name, bio, active)")
                .hasStackTraceContaining("nothing was run")
                .hasStackTraceContaining("<columnExists tableName=\"author\" columnName=\"nickname\"/>");

        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED");
        assertThat(db.columns("author")).containsExactly("id", "name", "bio", "active");
    }

    @Test
    void droppingAColumnThatIsNotThereUnderAColumnExistsPreconditionIsMarkedRan() throws Exception {
        db.update("changelog/drop-missing-guarded.xml", "");

        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED", "4:MARK_RAN");
        assertThat(db.columns("author")).containsExactly("id", "name", "bio", "active");
        db.assertChildIntact();
    }

    @Test
    void addDefaultValueOnAParentRebuildsItKeepingChildRowsAndReferences() throws Exception {
        db.update("changelog/default-value.xml", "?foreignKeys=false");

        db.execute("INSERT INTO author (id) VALUES (3)");
        assertThat(db.query("SELECT id || ':' || name FROM author ORDER BY id"))
                .containsExactly("1:Ada", "2:Grace", "3:anonymous");
        db.assertChildIntact();
        assertThat(db.changeLog()).hasSize(4);
    }

    @Test
    void addAutoIncrementOnAParentRebuildsItKeepingChildRowsAndReferences() throws Exception {
        db.update("changelog/auto-increment.xml", "?foreignKeys=false");

        assertThat(db.query("SELECT sql FROM sqlite_master WHERE name = 'author'"))
                .singleElement()
                .asString()
                .containsIgnoringCase("AUTOINCREMENT");
        db.execute("INSERT INTO author (name) VALUES ('Linus')");
        assertThat(db.query("SELECT id || ':' || name FROM author ORDER BY id"))
                .containsExactly("1:Ada", "2:Grace", "3:Linus");
        db.assertChildIntact();
        assertThat(db.changeLog()).hasSize(4);
    }

    /**
     * Liquibase 4.31–4.33 refuse {@code addNotNullConstraint} on this database in validation (its SQLite
     * path is a rebuild the statement generators do not cover), before anything runs.
     */
    @Test
    void addNotNullConstraintIsRefusedByLiquibaseBeforeAnythingRuns() throws Exception {
        String schemaBefore = String.join("\n", db.query("SELECT sql FROM sqlite_master WHERE name = 'author'"));

        assertThatThrownBy(() -> db.update("changelog/not-null.xml", "?foreignKeys=false"))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("addNotNullConstraint is not supported on libsql");

        assertThat(String.join("\n", db.query("SELECT sql FROM sqlite_master WHERE name = 'author'")))
                .isEqualTo(schemaBefore);
        assertThat(db.query("SELECT count(*) FROM author WHERE bio IS NULL")).containsExactly("2");
        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED");
        db.assertChildIntact();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default-value.xml", "auto-increment.xml", "drop-indexed-parent.xml"})
    void aRebuildOfTheReferencedParentIsRefusedWhileForeignKeysAreEnforced(String changelog) throws Exception {
        String schemaBefore = String.join("\n", db.query("SELECT sql FROM sqlite_master WHERE name = 'author'"));

        assertThatThrownBy(() -> db.update("changelog/" + changelog, ""))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("rebuilds table author")
                .hasStackTraceContaining("[book] reference")
                .hasStackTraceContaining("foreignKeys=false");

        assertThat(String.join("\n", db.query("SELECT sql FROM sqlite_master WHERE name = 'author'")))
                .isEqualTo(schemaBefore);
        db.assertChildIntact();
        assertThat(db.changeLog())
                .describedAs("the refused changeSet is not recorded")
                .doesNotContain(changelog.equals("drop-indexed-parent.xml") ? "5:EXECUTED" : "4:EXECUTED");
    }
}
