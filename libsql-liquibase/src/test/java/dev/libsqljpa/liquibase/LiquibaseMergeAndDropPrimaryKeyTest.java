package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.sql.SQLException;
import java.util.List;
import liquibase.Liquibase;
import liquibase.exception.LiquibaseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mergeColumns} and {@code dropPrimaryKey} through this module, on the parent {@code author}
 * (referenced by {@code book ON DELETE CASCADE}, 2 authors, 3 books) and on the children {@code book} and
 * {@code review}. Runs on Liquibase 4.31.1 and 4.33.0 (two surefire executions).
 */
class LiquibaseMergeAndDropPrimaryKeyTest {

    @RegisterExtension
    static LibsqlServerExtension libsql = LibsqlServerExtension.perMethod();

    private TestDatabase db;

    @BeforeEach
    void baseSchema() throws Exception {
        db = new TestDatabase("jdbc:libsql:" + libsql.server().url());
        db.update("changelog/base.xml", "");
    }

    @Test
    void mergeColumnsOfPlainColumnsOfAChildDropsThemInPlaceKeepingItsForeignKey() throws Exception {
        db.update("changelog/merge-child.xml", "");

        assertThat(db.columns("book")).containsExactly("id", "author_id", "full_title");
        assertBooksMerged();
        assertThat(schema("book"))
                .describedAs("altered in place: the column constraint as it was written, no rebuild")
                .contains("REFERENCES author (id) ON DELETE CASCADE");
        assertBookForeignKeyWorks();
        assertThat(db.changeLog())
                .containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED", "4:EXECUTED", "5:EXECUTED");
    }

    @Test
    void mergeColumnsOfAnIndexedColumnRebuildsTheChildKeepingItsForeignKeyAndOtherIndexes() throws Exception {
        db.update("changelog/merge-indexed-child.xml", "");

        assertThat(db.columns("book")).containsExactly("id", "author_id", "full_title");
        assertBooksMerged();
        assertThat(db.indexes("book"))
                .describedAs("the index on title is gone, the one on author_id kept")
                .containsExactly("book_author_idx");
        assertThat(schema("book"))
                .describedAs("rebuilt: the foreign key written back as a table constraint")
                .contains("FOREIGN KEY (\"author_id\") REFERENCES \"author\" (\"id\") ON DELETE CASCADE");
        assertBookForeignKeyWorks();
        assertThat(db.changeLog()).hasSize(5);
    }

    @Test
    void mergeColumnsOnAReferencedParentRebuildsItKeepingChildRowsAndReferences() throws Exception {
        db.update("changelog/merge-indexed-parent.xml", "?foreignKeys=false");

        assertThat(db.columns("author")).containsExactly("id", "active", "label");
        assertThat(db.query("SELECT id || '|' || coalesce(label, 'NULL') FROM author ORDER BY id"))
                .describedAs("name || '''s ' || bio; NULL where bio was NULL")
                .containsExactly("1|Ada's notes", "2|NULL");
        assertThat(db.indexes("author")).isEmpty();
        db.assertChildIntact();
        assertThat(db.changeLog()).hasSize(5);
    }

    @Test
    void mergeColumnsOnAReferencedParentIsRefusedBeforeAnythingRunsWhileForeignKeysAreEnforced() throws Exception {
        String schemaBefore = schema("author");

        assertThatThrownBy(() -> db.update("changelog/merge-indexed-parent.xml", ""))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("rebuilds table author")
                .hasStackTraceContaining("[book] reference")
                .hasStackTraceContaining("foreignKeys=false");

        assertThat(db.columns("author"))
                .describedAs("not even the final column was added")
                .containsExactly("id", "name", "bio", "active");
        assertThat(schema("author")).isEqualTo(schemaBefore);
        assertThat(db.query("SELECT id || ':' || name || ':' || coalesce(bio, 'NULL') FROM author ORDER BY id"))
                .containsExactly("1:Ada:notes", "2:Grace:NULL");
        db.assertChildIntact();
        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED", "4:EXECUTED");
    }

    @Test
    void mergeColumnsOfAColumnAnotherTableReferencesIsRefusedEvenWithForeignKeysOff() throws Exception {
        assertThatThrownBy(() -> db.update("changelog/merge-referenced.xml", "?foreignKeys=false"))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("cannot merge author.name and author.bio into label: [edition(author_name)]"
                        + " reference one of them by foreign key")
                .hasStackTraceContaining("nothing was run");

        assertThat(db.columns("author")).containsExactly("id", "name", "bio", "active");
        assertThat(db.query("SELECT id || ':' || author_name FROM edition")).containsExactly("1:Ada");
        db.assertChildIntact();
        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED", "4:EXECUTED");
    }

    @Test
    void mergeColumnsOfAColumnThatIsNotThereFailsClearlyAndChangesNothing() throws Exception {
        db.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, first VARCHAR(20))");
        String changelog = "changelog/merge-missing.xml";

        assertThatThrownBy(() -> db.update(changelog, ""))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("cannot merge person.first and person.last into full_name")
                .hasStackTraceContaining("table person has no column last (its columns: id, first)")
                .hasStackTraceContaining("nothing was run");

        assertThat(db.columns("person")).containsExactly("id", "first");
    }

    @Test
    void dropPrimaryKeyOfChildTablesKeepsTheirRowsForeignKeysAndIndexes() throws Exception {
        db.update("changelog/drop-pk-child.xml", "");

        assertThat(db.query("SELECT count(*) FROM pragma_table_info('book') WHERE pk > 0"))
                .containsExactly("0");
        assertThat(db.query("SELECT count(*) FROM pragma_table_info('review') WHERE pk > 0"))
                .containsExactly("0");
        assertThat(schema("review")).doesNotContainIgnoringCase("AUTOINCREMENT");
        assertThat(db.columns("book")).containsExactly("id", "author_id", "title");
        db.assertChildIntact();
        assertThat(db.query("SELECT id || ':' || author_id || ':' || stars FROM review ORDER BY id"))
                .containsExactly("1:1:5", "2:2:4");
        assertThat(db.foreignKeys("review")).containsExactly("author_id->author(id) ON DELETE CASCADE");
        assertThat(db.indexes("review")).containsExactly("review_author_idx");
        assertThat(db.tables()).doesNotContain("review_temporary");

        db.execute("INSERT INTO book (id, author_id, title) VALUES (1, 2, 'Same id')");
        assertThat(db.query("SELECT count(*) FROM book WHERE id = 1"))
                .describedAs("no primary key any more: a second row with id 1")
                .containsExactly("2");
        db.execute("DELETE FROM author WHERE id = 2");
        assertThat(db.query("SELECT id || ':' || title FROM book ORDER BY id, title"))
                .describedAs("ON DELETE CASCADE still applies")
                .containsExactly("1:Notes", "2:Letters");
        assertThat(db.query("SELECT id FROM review")).containsExactly("1");
        assertThat(db.changeLog()).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?foreignKeys=false"})
    void dropPrimaryKeyOfAParentWhoseKeyIsReferencedIsRefusedAndChangesNothing(String urlSuffix) throws Exception {
        String schemaBefore = schema("author");

        assertThatThrownBy(() -> db.update("changelog/drop-pk-parent.xml", urlSuffix))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("cannot drop the primary key of author")
                .hasStackTraceContaining("[book(author_id)] reference its primary key [id]")
                .hasStackTraceContaining("foreign key mismatch")
                .hasStackTraceContaining("nothing was run");

        assertThat(schema("author")).isEqualTo(schemaBefore);
        db.assertChildIntact();
        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED");
    }

    /** What the refusal above prevents: a reference to columns that are neither a primary key nor unique. */
    @Test
    void aForeignKeyToAColumnWithoutAPrimaryKeyOrUniqueIndexBreaksEveryWriteOfTheChild() throws Exception {
        db.execute("CREATE TABLE keyless (id INTEGER)");
        db.execute("CREATE TABLE pointer (keyless_id INTEGER REFERENCES keyless (id))");
        db.execute("INSERT INTO keyless (id) VALUES (1)");

        assertThatThrownBy(() -> db.execute("INSERT INTO pointer (keyless_id) VALUES (1)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("foreign key mismatch");
    }

    @Test
    void dropPrimaryKeyOfAReferencedParentIsRefusedWhileForeignKeysAreEnforced() throws Exception {
        assertThatThrownBy(() -> db.update("changelog/drop-pk-parent-unique.xml", ""))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("rebuilds table author")
                .hasStackTraceContaining("[book] reference")
                .hasStackTraceContaining("foreignKeys=false");

        assertThat(db.query("SELECT count(*) FROM pragma_table_info('author') WHERE pk > 0"))
                .containsExactly("1");
        db.assertChildIntact();
        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED", "4:EXECUTED");
    }

    @Test
    void dropPrimaryKeyOfAParentKeptUniqueRunsWithForeignKeysOff() throws Exception {
        db.update("changelog/drop-pk-parent-unique.xml", "?foreignKeys=false");

        assertThat(db.query("SELECT count(*) FROM pragma_table_info('author') WHERE pk > 0"))
                .containsExactly("0");
        assertThat(db.indexes("author")).containsExactly("author_id_unique");
        assertThat(db.query("SELECT id || ':' || name FROM author ORDER BY id")).containsExactly("1:Ada", "2:Grace");
        db.assertChildIntact();
        db.execute("INSERT INTO book (id, author_id, title) VALUES (4, 2, 'Manuals')");
        assertThat(db.query("SELECT count(*) FROM book")).containsExactly("4");
        assertThat(db.changeLog()).hasSize(5);
    }

    @Test
    void dropPrimaryKeyOfATableWithoutOneFailsClearlyAndChangesNothing() throws Exception {
        assertThatThrownBy(() -> db.update("changelog/drop-pk-none.xml", ""))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("cannot drop the primary key of note: table note has no primary key"
                        + " (its columns: body); nothing was run");

        assertThat(db.query("SELECT body FROM note")).containsExactly("kept");
        assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED", "4:EXECUTED");
    }

    /** Liquibase has no automatic rollback for either change: rolling one back without {@code <rollback>} fails. */
    @ParameterizedTest
    @ValueSource(strings = {"merge-child.xml", "drop-pk-child.xml"})
    void theChangesHaveNoAutomaticRollback(String changelog) throws Exception {
        db.update("changelog/" + changelog, "");
        List<String> recorded = db.changeLog();
        List<String> columns = db.columns("book");

        try (Liquibase liquibase = db.liquibase("changelog/" + changelog, "")) {
            assertThatThrownBy(() -> liquibase.rollback(1, null))
                    .isInstanceOf(LiquibaseException.class)
                    .hasStackTraceContaining("No inverse to");
        }

        assertThat(db.changeLog()).isEqualTo(recorded);
        assertThat(db.columns("book")).describedAs("nothing rolled back").isEqualTo(columns);
    }

    /** book's rows with the merged title: title || ': ' || subtitle, NULL where subtitle was NULL. */
    private void assertBooksMerged() throws SQLException {
        assertThat(db.query(
                        "SELECT id || ':' || author_id || '|' || coalesce(full_title, 'NULL') FROM book ORDER BY id"))
                .containsExactly("1:1|Notes: Vol. 1", "2:1|NULL", "3:2|Compilers: Second edition");
        assertThat(db.tables()).doesNotContain("book_temporary");
    }

    /** book's own foreign key after the merge: still named, enforced and cascading. */
    private void assertBookForeignKeyWorks() throws SQLException {
        assertThat(db.foreignKeys("book")).containsExactly("author_id->author(id) ON DELETE CASCADE");
        assertThatThrownBy(() -> db.execute("INSERT INTO book (id, author_id) VALUES (9, 99)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("FOREIGN KEY");
        db.execute("DELETE FROM author WHERE id = 2");
        assertThat(db.query("SELECT id FROM book ORDER BY id"))
                .describedAs("ON DELETE CASCADE still applies")
                .containsExactly("1", "2");
    }

    private String schema(String table) throws SQLException {
        return String.join("\n", db.query("SELECT sql FROM sqlite_master WHERE name = '" + table + "'"));
    }
}
