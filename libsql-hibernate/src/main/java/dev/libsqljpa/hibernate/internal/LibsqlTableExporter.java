package dev.libsqljpa.hibernate.internal;

import java.util.List;
import java.util.Locale;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.internal.StandardTableExporter;

/**
 * Writes foreign keys inline into CREATE TABLE: SQLite cannot add them with ALTER TABLE, so this is
 * the only place they can be declared.
 */
public final class LibsqlTableExporter extends StandardTableExporter {

    public LibsqlTableExporter(Dialect dialect) {
        super(dialect);
    }

    @Override
    protected void applyTableCheck(Table table, StringBuilder buf) {
        super.applyTableCheck(table, buf);
        for (ForeignKey foreignKey : table.getForeignKeys().values()) {
            if (isEmitted(foreignKey)) {
                buf.append(", ");
                if (foreignKey.getName() != null && !foreignKey.getName().isEmpty()) {
                    buf.append("constraint ")
                            .append(dialect.quote(foreignKey.getName()))
                            .append(' ');
                }
                buf.append("foreign key (")
                        .append(columnList(foreignKey.getColumns()))
                        .append(')')
                        .append(referencesClause(foreignKey, dialect));
            }
        }
    }

    static boolean isEmitted(ForeignKey foreignKey) {
        return foreignKey.isCreationEnabled()
                && foreignKey.isPhysicalConstraint()
                && foreignKey.getReferencedTable() != null;
    }

    /** {@code " references target (col, ...)"} plus the ON DELETE action, if any. */
    static String referencesClause(ForeignKey foreignKey, Dialect dialect) {
        Table target = foreignKey.getReferencedTable();
        List<Column> targetColumns = foreignKey.isReferenceToPrimaryKey()
                        || foreignKey.getReferencedColumns().isEmpty()
                ? target.getPrimaryKey().getColumns()
                : foreignKey.getReferencedColumns();
        StringBuilder sql = new StringBuilder(" references ")
                .append(target.getQuotedName(dialect))
                .append(" (")
                .append(columnList(targetColumns, dialect))
                .append(')');
        if (foreignKey.getOnDeleteAction() != null) {
            String action = foreignKey.getOnDeleteAction().name();
            if (!"NO_ACTION".equals(action)) {
                sql.append(" on delete ").append(action.replace('_', ' ').toLowerCase(Locale.ROOT));
            }
        }
        return sql.toString();
    }

    private String columnList(List<Column> columns) {
        return columnList(columns, dialect);
    }

    private static String columnList(List<Column> columns, Dialect dialect) {
        StringBuilder list = new StringBuilder();
        for (Column column : columns) {
            if (list.length() > 0) {
                list.append(", ");
            }
            list.append(column.getQuotedName(dialect));
        }
        return list.toString();
    }
}
