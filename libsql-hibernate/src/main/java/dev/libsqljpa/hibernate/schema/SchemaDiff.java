package dev.libsqljpa.hibernate.schema;

import java.lang.reflect.Proxy;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.extract.spi.ColumnInformation;
import org.hibernate.tool.schema.extract.spi.ForeignKeyInformation;
import org.hibernate.tool.schema.extract.spi.IndexInformation;
import org.hibernate.tool.schema.extract.spi.PrimaryKeyInformation;
import org.hibernate.tool.schema.extract.spi.TableInformation;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.SchemaFilter;

/**
 * Compares the mapping with an {@link ExistingSchema}: the statements {@code update} needs, and the
 * differences {@code validate} reports. Statements come from the dialect's own exporters and table
 * migrator, so they are exactly what {@code create} would emit ({@code IF NOT EXISTS}, inline foreign
 * keys); this class only adds defaults for NOT NULL columns and, when asked, DROP COLUMN.
 */
final class SchemaDiff {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Metadata metadata;
    private final Dialect dialect;
    private final SqlStringGenerationContext context;
    private final SchemaFilter filter;
    private final ContributableMatcher matcher;

    SchemaDiff(
            Metadata metadata,
            Dialect dialect,
            SqlStringGenerationContext context,
            SchemaFilter filter,
            ContributableMatcher matcher) {
        this.metadata = metadata;
        this.dialect = dialect;
        this.context = context;
        this.filter = filter;
        this.matcher = matcher;
    }

    private List<Table> mappedTables() {
        List<Table> tables = new ArrayList<>();
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            if (!filter.includeNamespace(namespace)) {
                continue;
            }
            for (Table table : namespace.getTables()) {
                if (table.isPhysicalTable() && filter.includeTable(table) && matcher.matches(table)) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    /**
     * The id sequences of the mapping; on libSQL each is a one-row table of the same name (the dialect's
     * sequence emulation), so it exists when that table does.
     */
    private List<Sequence> mappedSequences() {
        List<Sequence> sequences = new ArrayList<>();
        if (!dialect.getSequenceSupport().supportsSequences()) {
            return sequences;
        }
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            if (!filter.includeNamespace(namespace)) {
                continue;
            }
            for (Sequence sequence : namespace.getSequences()) {
                if (filter.includeSequence(sequence) && matcher.matches(sequence)) {
                    sequences.add(sequence);
                }
            }
        }
        return sequences;
    }

    /** The statements that bring {@code existing} to the mapping, in order: sequences, tables, columns, indexes. */
    List<String> updateStatements(ExistingSchema existing, boolean dropUnmappedColumns) {
        List<String> statements = new ArrayList<>();
        for (Sequence sequence : mappedSequences()) {
            if (existing.table(sequence.getName().getSequenceName().getText()) == null) {
                // The table and its one seed row (inserted only where the table has none).
                statements.addAll(
                        List.of(dialect.getSequenceExporter().getSqlCreateStrings(sequence, metadata, context)));
            }
        }
        List<Table> tables = mappedTables();
        for (Table table : tables) {
            ExistingSchema.TableInfo info = existing.table(table.getName());
            if (info == null) {
                if (existing.hasView(table.getName())) {
                    continue;
                }
                // The exporter's strings already end with the table's init commands (the seed row of a
                // table-backed id generator): adding them again would insert that row twice.
                // A generator registered twice (Hibernate's GenerationType.TABLE) leaves the same seed
                // insert twice: run each distinct statement once.
                statements.addAll(new LinkedHashSet<>(
                        List.of(dialect.getTableExporter().getSqlCreateStrings(table, metadata, context))));
                continue;
            }
            var tableMigrator = dialect.getTableMigrator();
            String[] alters = tableMigrator.getSqlAlterStrings(table, metadata, new ExistingTable(info), context);
            for (String alter : alters) {
                statements.add(withNotNullDefault(alter, table, info));
            }
            if (dropUnmappedColumns) {
                Set<String> mapped = new HashSet<>();
                for (Column column : table.getColumns()) {
                    mapped.add(ExistingSchema.key(column.getName()));
                }
                for (ExistingSchema.ColumnInfo column : info.columns().values()) {
                    if (!mapped.contains(ExistingSchema.key(column.name()))) {
                        statements.add(
                                dialect.getAlterTableString(tableName(table)) + " drop column " + quote(column.name()));
                    }
                }
            }
        }
        for (Table table : tables) {
            for (Index index : table.getIndexes().values()) {
                if (!existing.hasIndex(index.getName())) {
                    statements.addAll(
                            List.of(dialect.getIndexExporter().getSqlCreateStrings(index, metadata, context)));
                }
            }
        }
        return statements;
    }

    /** Human-readable differences between the mapping and {@code existing}; empty when they match. */
    List<String> validationProblems(ExistingSchema existing) {
        List<String> problems = new ArrayList<>();
        for (Sequence sequence : mappedSequences()) {
            String name = sequence.getName().getSequenceName().getText();
            if (existing.table(name) == null) {
                problems.add("missing sequence [" + name + "] (a table on libSQL)");
            }
        }
        for (Table table : mappedTables()) {
            ExistingSchema.TableInfo info = existing.table(table.getName());
            if (info == null) {
                if (!existing.hasView(table.getName())) {
                    problems.add("missing table [" + table.getName() + "]");
                }
                continue;
            }
            for (Column column : table.getColumns()) {
                ExistingSchema.ColumnInfo actual = info.column(column.getName());
                String expectedType = column.getSqlType(metadata);
                if (actual == null) {
                    problems.add("missing column [" + table.getName() + "." + column.getName() + "] (expected "
                            + expectedType + ")");
                } else if (!TypeAffinity.affinity(expectedType).equals(TypeAffinity.affinity(actual.type()))) {
                    problems.add("wrong type for column [" + table.getName() + "." + column.getName() + "]: found ["
                            + actual.type() + "] (" + TypeAffinity.affinity(actual.type()) + " affinity), expected ["
                            + expectedType + "] (" + TypeAffinity.affinity(expectedType) + " affinity)");
                }
            }
        }
        return problems;
    }

    /**
     * SQLite refuses {@code ADD COLUMN ... NOT NULL} without a non-null constant default; a column
     * without a mapped default gets one derived from its type ({@link TypeAffinity#defaultLiteral}).
     */
    private String withNotNullDefault(String alter, Table table, ExistingSchema.TableInfo info) {
        String lower = alter.toLowerCase(Locale.ROOT);
        for (Column column : table.getColumns()) {
            if (info.column(column.getName()) != null
                    || column.isNullable()
                    || column.getDefaultValue() != null
                    || column.getGeneratedAs() != null
                    || column.isIdentity()) {
                continue;
            }
            String marker =
                    (dialect.getAddColumnString() + ' ' + column.getQuotedName(dialect) + ' ').toLowerCase(Locale.ROOT);
            int at = lower.indexOf(marker);
            if (at < 0) {
                continue;
            }
            int notNull = lower.indexOf(" not null", at + marker.length());
            if (notNull < 0) {
                return alter;
            }
            return alter.substring(0, notNull) + " default " + TypeAffinity.defaultLiteral(column.getSqlType(metadata))
                    + alter.substring(notNull);
        }
        return alter;
    }

    private String tableName(Table table) {
        return context.format(new QualifiedTableName(
                Identifier.toIdentifier(table.getCatalog(), table.isCatalogQuoted()),
                Identifier.toIdentifier(table.getSchema(), table.isSchemaQuoted()),
                table.getNameIdentifier()));
    }

    private static String quote(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The little of {@link TableInformation} the table migrator asks: does a column exist. */
    private static final class ExistingTable implements TableInformation {
        private final ExistingSchema.TableInfo info;

        ExistingTable(ExistingSchema.TableInfo info) {
            this.info = info;
        }

        @Override
        public QualifiedTableName getName() {
            return new QualifiedTableName(null, null, Identifier.toIdentifier(info.name()));
        }

        @Override
        public boolean isPhysicalTable() {
            return true;
        }

        @Override
        public String getComment() {
            return null;
        }

        @Override
        public ColumnInformation getColumn(Identifier columnIdentifier) {
            ExistingSchema.ColumnInfo column = info.column(columnIdentifier.getText());
            return column == null ? null : existingColumn(this, column);
        }

        @Override
        public PrimaryKeyInformation getPrimaryKey() {
            return null;
        }

        @Override
        public Iterable<ForeignKeyInformation> getForeignKeys() {
            return List.of();
        }

        @Override
        public ForeignKeyInformation getForeignKey(Identifier keyName) {
            return null;
        }

        @Override
        public Iterable<IndexInformation> getIndexes() {
            return List.of();
        }

        @Override
        public IndexInformation getIndex(Identifier indexName) {
            return null;
        }

        @Override
        public void addColumn(ColumnInformation columnIdentifier) {
            throw new UnsupportedOperationException("read-only table information");
        }
    }

    /**
     * A present column. The table migrator only asks whether a column exists (SQLite cannot alter column
     * types), and {@code ColumnInformation}'s signatures differ between Hibernate 6.6 and 7, so this is a
     * proxy answering the name and the declared type, and neutral values for the rest.
     */
    private static ColumnInformation existingColumn(TableInformation table, ExistingSchema.ColumnInfo column) {
        return (ColumnInformation) Proxy.newProxyInstance(
                SchemaDiff.class.getClassLoader(),
                new Class<?>[] {ColumnInformation.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContainingTableInformation" -> table;
                    case "getColumnIdentifier" -> Identifier.toIdentifier(column.name());
                    case "getTypeName" -> column.type();
                    case "getTypeCode" -> Types.OTHER;
                    case "getColumnSize", "getDecimalDigits" -> 0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "column " + column.name();
                    default -> null;
                });
    }
}
