package dev.libsqljpa.jdbc.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * {@link MetaDataConformanceTest} on a plain in-memory sqlite-jdbc connection: the SQL of
 * {@link MetadataSql} against the real SQLite engine, without any HTTP.
 */
class SqliteJdbcMetaDataTest extends MetaDataConformanceTest {
    @Override
    protected Connection openConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    @Test
    void likeMatcherForSchemaPatterns() {
        assertThat(LibsqlDatabaseMetaData.likeMatches("%", "main")).isTrue();
        assertThat(LibsqlDatabaseMetaData.likeMatches("m_in", "main")).isTrue();
        assertThat(LibsqlDatabaseMetaData.likeMatches("MA%", "main")).isTrue();
        assertThat(LibsqlDatabaseMetaData.likeMatches("m\\_in", "main")).isFalse();
        assertThat(LibsqlDatabaseMetaData.likeMatches("m\\_in", "m_in")).isTrue();
        assertThat(LibsqlDatabaseMetaData.likeMatches("mai", "main")).isFalse();
        assertThat(LibsqlDatabaseMetaData.likeMatches("%n%", "main")).isTrue();
        assertThat(LibsqlDatabaseMetaData.likeMatches("temp", "main")).isFalse();
    }

    @Test
    void versionNumbersParseDottedVersions() {
        assertThat(MetadataDriverInfo.versionNumbers("3.50.4")).containsExactly(3, 50);
        assertThat(MetadataDriverInfo.versionNumbers("0.1.0-SNAPSHOT")).containsExactly(0, 1);
        assertThat(MetadataDriverInfo.versionNumbers("7")).containsExactly(7, 0);
        assertThat(MetadataDriverInfo.versionNumbers("x.y")).containsExactly(0, 0);
    }
}
