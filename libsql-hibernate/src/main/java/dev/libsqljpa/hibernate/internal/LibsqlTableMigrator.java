package dev.libsqljpa.hibernate.internal;

import java.util.Locale;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.extract.spi.TableInformation;
import org.hibernate.tool.schema.internal.StandardTableMigrator;

/**
 * Schema update: a column added by {@code ALTER TABLE ... ADD COLUMN} that carries a single-column
 * foreign key gets its {@code REFERENCES} clause in the same statement (SQLite's only way to add one).
 */
public final class LibsqlTableMigrator extends StandardTableMigrator {

    public LibsqlTableMigrator(Dialect dialect) {
        super(dialect);
    }

    @Override
    public String[] getSqlAlterStrings(
            Table table, Metadata metadata, TableInformation tableInfo, SqlStringGenerationContext context) {
        String[] statements = super.getSqlAlterStrings(table, metadata, tableInfo, context);
        for (ForeignKey foreignKey : table.getForeignKeys().values()) {
            if (!LibsqlTableExporter.isEmitted(foreignKey)
                    || foreignKey.getColumns().size() != 1) {
                continue;
            }
            Column column = foreignKey.getColumns().get(0);
            String marker =
                    (dialect.getAddColumnString() + ' ' + column.getQuotedName(dialect) + ' ').toLowerCase(Locale.ROOT);
            for (int i = 0; i < statements.length; i++) {
                if (statements[i].toLowerCase(Locale.ROOT).contains(marker)
                        && !statements[i].toLowerCase(Locale.ROOT).contains(" references ")) {
                    String references = LibsqlTableExporter.referencesClause(foreignKey, dialect);
                    statements[i] = appendReferences(statements[i], references);
                }
            }
        }
        return statements;
    }

    private String appendReferences(String statement, String references) {
        String suffix = dialect.getAddColumnSuffixString();
        if (!suffix.isEmpty() && statement.endsWith(suffix)) {
            return statement.substring(0, statement.length() - suffix.length()) + references + suffix;
        }
        return statement + references;
    }
}
