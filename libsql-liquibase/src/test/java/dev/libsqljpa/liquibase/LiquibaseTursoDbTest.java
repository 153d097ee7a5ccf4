package dev.libsqljpa.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.testkit.tursodb.TursoDbExtension;
import dev.libsqljpa.testkit.tursodb.TursoDbServer;
import java.sql.SQLException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.exception.LiquibaseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Liquibase through this module on {@code tursodb --sync-server} (the minimal server: one statement per
 * request, one engine connection shared by all clients, counts from {@code changes()}).
 */
class LiquibaseTursoDbTest {

    @RegisterExtension
    static TursoDbExtension tursodb = TursoDbExtension.perMethod();

    @Test
    void updateStatusAndRollbackOnTursodb(TursoDbServer server) throws Exception {
        TestDatabase db = new TestDatabase("jdbc:libsql:" + server.url());
        try (Liquibase liquibase = db.liquibase("changelog/base.xml", "")) {
            assertThat(liquibase.getDatabase()).isInstanceOf(LibsqlDatabase.class);
            assertThat(liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()))
                    .hasSize(3);

            liquibase.update(new Contexts(), new LabelExpression());

            assertThat(liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()))
                    .isEmpty();
            assertThat(db.columns("author")).containsExactly("id", "name", "bio", "active");
            assertThat(db.query("SELECT id || ':' || author_id FROM book ORDER BY id"))
                    .containsExactly("1:1", "2:1", "3:2");
            assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED", "3:EXECUTED");

            liquibase.rollback(1, null);

            assertThat(db.columns("author")).containsExactly("id", "name");
            assertThat(db.changeLog()).containsExactly("1:EXECUTED", "2:EXECUTED");
            assertThat(liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()))
                    .extracting(changeSet -> changeSet.getId())
                    .containsExactly("3");
        }
        assertThat(db.query("SELECT count(*) FROM DATABASECHANGELOGLOCK WHERE locked = 1"))
                .describedAs("the change-log lock is released")
                .containsExactly("0");
    }

    @Test
    void dropColumnInPlaceOnTursodb(TursoDbServer server) throws Exception {
        TestDatabase db = new TestDatabase("jdbc:libsql:" + server.url());

        db.update("changelog/drop-in-place.xml", "");

        assertThat(db.columns("author")).containsExactly("id", "name", "active");
        assertThat(db.query("SELECT id || ':' || author_id FROM book ORDER BY id"))
                .containsExactly("1:1", "2:1", "3:2");
        assertThat(db.foreignKeys("book")).containsExactly("author_id->author(id) ON DELETE CASCADE");
    }

    @Test
    void mergeColumnsOnAChildInPlaceOnTursodb(TursoDbServer server) throws Exception {
        TestDatabase db = new TestDatabase("jdbc:libsql:" + server.url());

        db.update("changelog/merge-child.xml", "");

        assertMergedBooks(db);
    }

    /** book is indexed on title, so it is rebuilt; nothing references book, so foreign keys may stay on. */
    @Test
    void mergeColumnsOfAnIndexedColumnOfAChildRebuildsItOnTursodb(TursoDbServer server) throws Exception {
        TestDatabase db = new TestDatabase("jdbc:libsql:" + server.url());

        db.update("changelog/merge-indexed-child.xml", "");

        assertMergedBooks(db);
        assertThat(db.indexes("book")).containsExactly("book_author_idx");
        assertThat(db.tables()).doesNotContain("book_temporary");
    }

    private static void assertMergedBooks(TestDatabase db) throws Exception {
        assertThat(db.columns("book")).containsExactly("id", "author_id", "full_title");
        assertThat(db.query(
                        "SELECT id || ':' || author_id || '|' || coalesce(full_title, 'NULL') FROM book ORDER BY id"))
                .containsExactly("1:1|Notes: Vol. 1", "2:1|NULL", "3:2|Compilers: Second edition");
        assertThat(db.foreignKeys("book")).containsExactly("author_id->author(id) ON DELETE CASCADE");
        assertThatThrownBy(() -> db.execute("INSERT INTO book (id, author_id) VALUES (9, 99)"))
                .isInstanceOf(SQLException.class);
        assertThat(db.changeLog()).hasSize(5);
    }

    /**
     * tursodb runs every client on one engine connection, so {@code foreignKeys=false} on the migration
     * connection (which only leaves out the driver's {@code PRAGMA foreign_keys=ON}) does not turn
     * foreign keys off once any client turned them on: the rebuild of a referenced table is refused,
     * and runs only after an explicit {@code PRAGMA foreign_keys=OFF}.
     */
    @Test
    void aRebuildOfAParentOnTursodbNeedsForeignKeysOffOnTheSharedEngineConnection(TursoDbServer server)
            throws Exception {
        TestDatabase db = new TestDatabase("jdbc:libsql:" + server.url());
        db.update("changelog/base.xml", "");
        TestDatabase off = new TestDatabase(db.url() + "?foreignKeys=false");
        assertThat(off.query("PRAGMA foreign_keys"))
                .describedAs("foreign keys on a foreignKeys=false connection after a default one ran")
                .containsExactly("1");

        assertThatThrownBy(() -> off.update("changelog/unique.xml", ""))
                .isInstanceOf(LiquibaseException.class)
                .hasStackTraceContaining("rebuilds table author")
                .hasStackTraceContaining("[book] reference");
        assertThat(off.columns("author")).containsExactly("id", "name", "bio", "active");
        assertThat(off.query("SELECT id || ':' || author_id FROM book ORDER BY id"))
                .containsExactly("1:1", "2:1", "3:2");

        off.execute("PRAGMA foreign_keys=OFF");
        assertThat(off.query("PRAGMA foreign_keys")).containsExactly("0");
        off.update("changelog/unique.xml", "");

        assertThat(off.columns("author")).containsExactly("id", "name", "bio", "active", "code");
        assertThat(off.query("SELECT id || ':' || author_id FROM book ORDER BY id"))
                .describedAs("child rows after the rebuild of their parent")
                .containsExactly("1:1", "2:1", "3:2");
        assertThat(off.foreignKeys("book")).containsExactly("author_id->author(id) ON DELETE CASCADE");
        assertThat(off.tables()).doesNotContain("author_temporary");
    }
}
