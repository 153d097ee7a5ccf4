package dev.libsqljpa.jdbc.internal.metadata;

import java.util.List;

/**
 * SQL text behind {@link LibsqlDatabaseMetaData}. Every catalog method is answered by exactly one
 * statement over {@code sqlite_schema} and the {@code pragma_*} table-valued functions, so it
 * costs one HTTP request whatever the number of tables.
 *
 * <p>The statements work on SQLite (sqld, Turso Cloud, the testkit) and on tursodb 0.7.0, whose
 * pragma functions differ in ways measured and worked around here:
 * <ul>
 *   <li>it stores table and index names lower-cased in {@code sqlite_schema}; the name as written
 *       is recovered from the stored {@code CREATE} text ({@link #restoredName});</li>
 *   <li>{@code pragma_table_info(..).pk} is 1 for every primary-key column; the key order is
 *       taken from the primary-key index where there is one;</li>
 *   <li>{@code pragma_foreign_key_list(..).to} is {@code ''} instead of NULL when the parent
 *       column is implicit;</li>
 *   <li>{@code pragma_table_info(..).type} loses the {@code (size)} part of the declared type.</li>
 * </ul>
 */
final class MetadataSql {
    private MetadataSql() {}

    /** The escape character of JDBC name patterns ({@link java.sql.DatabaseMetaData#getSearchStringEscape()}). */
    static final String ESCAPE = "\\";

    /** Filter that hides SQLite's and tursodb's own tables and indexes. */
    private static final String USER_OBJECT =
            "m.name not like 'sqlite\\_%' escape '\\' and m.name not like '\\_\\_turso\\_internal\\_%' escape '\\'";

    /**
     * CTE {@code t(obj, name, type, sql)}: user tables and views; {@code obj} is the name as stored
     * (used as argument of the pragma functions), {@code name} the name as written, {@code type}
     * {@code TABLE} or {@code VIEW}.
     */
    static final String TABLES_CTE = "with t as (select m.name as obj, "
            + restoredName("m.sql", "m.name", "case m.type when 'view' then ' VIEW ' else ' TABLE ' end")
            + " as name, case m.type when 'view' then 'VIEW' else 'TABLE' end as type, m.sql as sql"
            + " from sqlite_schema m where m.type in ('table', 'view') and " + USER_OBJECT + ") ";

    /**
     * An expression giving the object name as written in its {@code CREATE} statement when that
     * differs from the stored name only by case, else the stored name.
     *
     * @param sql expression of the stored {@code CREATE} text
     * @param stored expression of the stored name
     * @param keyword expression of the keyword before the name, with a space either side (upper case)
     */
    static String restoredName(String sql, String stored, String keyword) {
        String rest = "substr(" + sql + ", instr(upper(" + sql + "), " + keyword + ") + length(" + keyword + "))";
        String candidate = "(case when substr(" + rest + ", 1, 1) in ('\"', '`') then substr(" + rest
                + ", 2, instr(substr(" + rest + ", 2), substr(" + rest + ", 1, 1)) - 1) else substr(" + rest
                + ", 1, instr(" + rest + " || ' ', ' ') - 1) end)";
        return "(case when " + sql + " is not null and instr(upper(" + sql + "), " + keyword + ") > 0 and " + candidate
                + " = " + stored + " collate nocase then " + candidate + " else " + stored + " end)";
    }

    /**
     * Ends a subquery so that SQLite computes it once per row instead of flattening it into the
     * outer query (a subquery with OFFSET is never flattened). Flattening would copy the long
     * type expressions into every reference and make getColumns hundreds of times slower.
     */
    static final String NO_FLATTEN = " limit -1 offset 0";

    /** {@code and <column> like ? escape '\'} when a pattern is given (bound by the caller). */
    static String likeFilter(String column, String pattern, List<Object> parameters) {
        if (pattern == null) {
            return "";
        }
        parameters.add(pattern);
        return " and " + column + " like ? escape '\\'";
    }

    /** {@code and <column> = ? collate nocase} when a name is given (SQLite names ignore ASCII case). */
    static String nameFilter(String column, String name, List<Object> parameters) {
        if (name == null) {
            return "";
        }
        parameters.add(name);
        return " and " + column + " = ? collate nocase";
    }

    /** A statement that returns no rows but carries the given column labels. */
    static String empty(String... columns) {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("null as ").append(columns[i]);
        }
        return sql.append(" where 0").toString();
    }

    // ---------------------------------------------------------------- getTables

    static String tables(String tablePattern, boolean tables, boolean views, boolean none, List<Object> parameters) {
        String typeFilter;
        if (none || (!tables && !views)) {
            typeFilter = " and 0";
        } else if (tables && views) {
            typeFilter = "";
        } else {
            typeFilter = tables ? " and t.type = 'TABLE'" : " and t.type = 'VIEW'";
        }
        return TABLES_CTE
                + "select null as TABLE_CAT, null as TABLE_SCHEM, t.name as TABLE_NAME, t.type as TABLE_TYPE,"
                + " null as REMARKS, null as TYPE_CAT, null as TYPE_SCHEM, null as TYPE_NAME,"
                + " null as SELF_REFERENCING_COL_NAME, null as REF_GENERATION"
                + " from t where 1" + typeFilter + likeFilter("t.name", tablePattern, parameters)
                + " order by TABLE_TYPE, TABLE_NAME collate nocase";
    }

    // ---------------------------------------------------------------- getColumns

    /** Declared type {@code y.ctype} as upper-case base name (without the parenthesised part), trimmed. */
    private static final String BASE = "upper(trim(case when instr(y.ctype, '(') > 0"
            + " then substr(y.ctype, 1, instr(y.ctype, '(') - 1) else y.ctype end))";

    /**
     * The declared type of column {@code c} of table {@code t}. tursodb reports {@code varchar}
     * for {@code varchar(100)}; its stored CREATE text reads {@code name varchar (100)}, so the
     * {@code (...)} part is taken from there when the column name and type are found in it.
     */
    private static String declaredType() {
        String[] patterns = {
            "' ' || c.name || ' ' || c.type || ' ('",
            "'(' || c.name || ' ' || c.type || ' ('",
            "'\"' || replace(c.name, '\"', '\"\"') || '\" ' || c.type || ' ('",
            "'`' || c.name || '` ' || c.type || ' ('",
        };
        StringBuilder recovered = new StringBuilder("coalesce(");
        for (String pattern : patterns) {
            String start = "instr(t.sql, " + pattern + ") + length(" + pattern + ") - 1";
            recovered
                    .append("case when instr(t.sql, ")
                    .append(pattern)
                    .append(") > 0 then substr(t.sql, ")
                    .append(start)
                    .append(", instr(substr(t.sql, ")
                    .append(start)
                    .append("), ')')) end, ");
        }
        recovered.append("'')");
        return "(case when c.type <> '' and instr(c.type, '(') = 0 and t.sql is not null then c.type || " + recovered
                + " else c.type end)";
    }

    /**
     * JDBC type code from the upper-case base type name {@code b}: well-known names map to their
     * JDBC type, anything else by SQLite's column-affinity rules (INT → INTEGER; CHAR, CLOB, TEXT
     * → VARCHAR; BLOB or no type → BLOB; REAL, FLOA, DOUB → REAL/FLOAT/DOUBLE; else NUMERIC).
     */
    static String dataType(String b) {
        return "(case"
                + " when " + b + " in ('BOOLEAN', 'BOOL', 'BIT') then 16"
                + " when " + b + " = 'TINYINT' then -6"
                + " when " + b + " in ('SMALLINT', 'INT2') then 5"
                + " when " + b + " in ('BIGINT', 'INT8', 'UNSIGNED BIG INT') then -5"
                + " when " + b + " in ('INT', 'INTEGER', 'MEDIUMINT', 'INT4') then 4"
                + " when " + b + " = 'REAL' then 7"
                + " when " + b + " = 'FLOAT' then 6"
                + " when " + b + " in ('DOUBLE', 'DOUBLE PRECISION') then 8"
                + " when " + b + " = 'NUMERIC' then 2"
                + " when " + b + " in ('DECIMAL', 'DEC') then 3"
                + " when " + b + " in ('CHAR', 'CHARACTER', 'NCHAR', 'NATIVE CHARACTER') then 1"
                + " when " + b + " in ('VARCHAR', 'NVARCHAR', 'VARYING CHARACTER', 'CHARACTER VARYING',"
                + " 'VARCHAR2', 'NVARCHAR2', 'TEXT', 'STRING') then 12"
                + " when " + b + " in ('LONGVARCHAR', 'LONG VARCHAR', 'MEDIUMTEXT', 'LONGTEXT') then -1"
                + " when " + b + " in ('CLOB', 'NCLOB') then 2005"
                + " when " + b + " = 'BINARY' then -2"
                + " when " + b + " = 'VARBINARY' then -3"
                + " when " + b + " = 'LONGVARBINARY' then -4"
                + " when " + b + " = 'DATE' then 91"
                + " when " + b + " in ('TIME', 'TIME WITHOUT TIME ZONE') then 92"
                + " when " + b + " in ('TIME WITH TIME ZONE', 'TIMETZ') then 2013"
                + " when " + b + " in ('DATETIME', 'TIMESTAMP', 'TIMESTAMP WITHOUT TIME ZONE') then 93"
                + " when " + b + " in ('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ') then 2014"
                + " when " + b + " like '%INT%' then 4"
                + " when " + b + " like '%CHAR%' or " + b + " like '%CLOB%' or " + b + " like '%TEXT%' then 12"
                + " when " + b + " like '%BLOB%' or " + b + " = '' then 2004"
                + " when " + b + " like '%REAL%' then 7"
                + " when " + b + " like '%FLOA%' then 6"
                + " when " + b + " like '%DOUB%' then 8"
                + " else 2 end)";
    }

    /** Default COLUMN_SIZE (precision or length) of a JDBC type code {@code d} without declared size. */
    static String defaultSize(String d) {
        return "(case " + d
                + " when 16 then 1 when -6 then 3 when 5 then 5 when 4 then 10 when -5 then 19"
                + " when 7 then 7 when 6 then 15 when 8 then 15"
                + " when 91 then 10 when 92 then 8 when 2013 then 14 when 93 then 29 when 2014 then 35"
                + " when 2 then null when 3 then null"
                + " else 1000000000 end)";
    }

    /**
     * Subquery {@code x}: one row per column of the tables/views in CTE {@code t} that pass
     * {@code tableCondition}/{@code columnCondition} (SQL fragments starting with {@code and}),
     * with {@code tname, tsql, cid, cname, ctype, cnotnull, cdefault, cpk, chidden, pkcount,
     * base, dims, data_type}.
     */
    private static String typedColumns(String tableCondition, String columnCondition) {
        // y: one row per column with its declared type; then the parsed type; then its JDBC type.
        String columnsRows = "select t.name as tname, t.sql as tsql, c.cid as cid, c.name as cname,"
                + " " + declaredType() + " as ctype,"
                + " c.\"notnull\" as cnotnull, c.dflt_value as cdefault, c.pk as cpk, c.hidden as chidden,"
                + " (select count(*) from pragma_table_info(t.obj) k where k.pk > 0) as pkcount"
                + " from t join pragma_table_xinfo(t.obj) c"
                + " where c.hidden <> 1" + tableCondition + columnCondition + NO_FLATTEN;
        String parsed = "select y.*, " + BASE + " as base,"
                + " case when instr(y.ctype, '(') > 0 then substr(y.ctype, instr(y.ctype, '(') + 1) end as dims"
                + " from (" + columnsRows + ") y" + NO_FLATTEN;
        return "select x.*, " + dataType("x.base") + " as data_type from (" + parsed + ") x" + NO_FLATTEN;
    }

    /** Over {@link #typedColumns}: the column is its table's rowid alias ({@code INTEGER PRIMARY KEY}). */
    private static final String ROWID_ALIAS = "(x.cpk > 0 and x.pkcount = 1 and x.base = 'INTEGER'"
            + " and instr(x.ctype, '(') = 0 and upper(coalesce(x.tsql, '')) not like '%WITHOUT ROWID%')";

    private static final String DECLARED_SIZE = "case when x.dims is not null then cast(trim(x.dims) as integer) end";
    private static final String DECLARED_DIGITS = "case when instr(x.dims, ',') > 0 then"
            + " cast(trim(substr(x.dims, instr(x.dims, ',') + 1)) as integer) end";
    private static final String TYPE_NAME = "case when x.base = '' then 'BLOB' else x.base end";
    private static final String COLUMN_SIZE = "coalesce(" + DECLARED_SIZE + ", " + defaultSize("x.data_type") + ")";
    private static final String DECIMAL_DIGITS = "coalesce(" + DECLARED_DIGITS + ", case when x.data_type in"
            + " (-6, 5, 4, -5, 16) or x.dims is not null and x.data_type in (2, 3) then 0 end)";

    static String columns(String tablePattern, String columnPattern, List<Object> parameters) {
        String typed = typedColumns(
                likeFilter("t.name", tablePattern, parameters), likeFilter("c.name", columnPattern, parameters));
        return TABLES_CTE
                + "select null as TABLE_CAT, null as TABLE_SCHEM, x.tname as TABLE_NAME, x.cname as COLUMN_NAME,"
                + " x.data_type as DATA_TYPE, " + TYPE_NAME + " as TYPE_NAME, " + COLUMN_SIZE + " as COLUMN_SIZE,"
                + " null as BUFFER_LENGTH, " + DECIMAL_DIGITS + " as DECIMAL_DIGITS, 10 as NUM_PREC_RADIX,"
                + " case when x.cnotnull or " + ROWID_ALIAS + " then 0 else 1 end as NULLABLE,"
                + " null as REMARKS, x.cdefault as COLUMN_DEF, null as SQL_DATA_TYPE, null as SQL_DATETIME_SUB,"
                + " case when x.data_type in (1, 12, -1, 2005) then " + COLUMN_SIZE + " end as CHAR_OCTET_LENGTH,"
                + " x.cid + 1 as ORDINAL_POSITION,"
                + " case when x.cnotnull or " + ROWID_ALIAS + " then 'NO' else 'YES' end as IS_NULLABLE,"
                + " null as SCOPE_CATALOG, null as SCOPE_SCHEMA, null as SCOPE_TABLE, null as SOURCE_DATA_TYPE,"
                + " case when " + ROWID_ALIAS + " then 'YES' else 'NO' end as IS_AUTOINCREMENT,"
                + " case when x.chidden in (2, 3) then 'YES' else 'NO' end as IS_GENERATEDCOLUMN"
                + " from (" + typed + ") x order by TABLE_NAME collate nocase, ORDINAL_POSITION";
    }

    // ---------------------------------------------------------------- getBestRowIdentifier

    /**
     * The primary-key columns of a table ({@code bestRowSession}, not pseudo); for a rowid table
     * without a primary key the pseudo column {@code rowid}. Nothing for views or unknown tables.
     */
    static String bestRowIdentifier(String table, List<Object> parameters) {
        String typed = typedColumns(nameFilter("t.name", table, parameters) + " and t.type = 'TABLE'", "");
        String rowid = "select 2 as SCOPE, 'rowid' as COLUMN_NAME, -5 as DATA_TYPE, 'INTEGER' as TYPE_NAME,"
                + " 19 as COLUMN_SIZE, null as BUFFER_LENGTH, 0 as DECIMAL_DIGITS, 2 as PSEUDO_COLUMN"
                + " from t where t.type = 'TABLE'" + nameFilter("t.name", table, parameters)
                + " and upper(coalesce(t.sql, '')) not like '%WITHOUT ROWID%'"
                + " and not exists (select 1 from pragma_table_info(t.obj) k where k.pk > 0)";
        return TABLES_CTE
                + "select 2 as SCOPE, x.cname as COLUMN_NAME, x.data_type as DATA_TYPE, " + TYPE_NAME + " as TYPE_NAME,"
                + " " + COLUMN_SIZE + " as COLUMN_SIZE, null as BUFFER_LENGTH, " + DECIMAL_DIGITS
                + " as DECIMAL_DIGITS, 1 as PSEUDO_COLUMN from (" + typed + ") x where x.cpk > 0"
                + " union all " + rowid;
    }

    // ---------------------------------------------------------------- getIndexInfo

    static String indexInfo(String table, boolean uniqueOnly, List<Object> parameters) {
        // Expression columns: SQLite reports cid -2 and no name, tursodb cid -1 and the expression text.
        return TABLES_CTE
                + "select null as TABLE_CAT, null as TABLE_SCHEM, t.name as TABLE_NAME,"
                + " case when il.\"unique\" then 0 else 1 end as NON_UNIQUE, null as INDEX_QUALIFIER,"
                + " " + restoredName("s.sql", "il.name", "' INDEX '") + " as INDEX_NAME, 3 as TYPE,"
                + " ix.seqno + 1 as ORDINAL_POSITION, case when ix.cid < 0 then null else ix.name end as COLUMN_NAME,"
                + " case when ix.desc then 'D' else 'A' end as ASC_OR_DESC,"
                + " null as CARDINALITY, null as PAGES,"
                + " case when il.partial and instr(upper(s.sql), ' WHERE ') > 0"
                + " then trim(substr(s.sql, instr(upper(s.sql), ' WHERE ') + 7)) end as FILTER_CONDITION"
                + " from t join pragma_index_list(t.obj) il join pragma_index_xinfo(il.name) ix"
                + " left join sqlite_schema s on s.type = 'index' and s.name = il.name"
                + " where t.type = 'TABLE' and ix.key = 1" + (uniqueOnly ? " and il.\"unique\"" : "")
                + nameFilter("t.name", table, parameters)
                + " order by NON_UNIQUE, TYPE, INDEX_NAME collate nocase, TABLE_NAME collate nocase, ORDINAL_POSITION";
    }

    // ---------------------------------------------------------------- getPrimaryKeys

    static String primaryKeys(String table, List<Object> parameters) {
        return TABLES_CTE
                + "select null as TABLE_CAT, null as TABLE_SCHEM, t.name as TABLE_NAME, c.name as COLUMN_NAME,"
                + " coalesce((select k.seqno + 1 from pragma_index_list(t.obj) l join pragma_index_info(l.name) k"
                + " where l.origin = 'pk' and k.name = c.name), c.pk) as KEY_SEQ, null as PK_NAME"
                + " from t join pragma_table_info(t.obj) c where t.type = 'TABLE' and c.pk > 0"
                + nameFilter("t.name", table, parameters)
                + " order by TABLE_NAME collate nocase, COLUMN_NAME collate nocase";
    }

    // ---------------------------------------------------------------- foreign keys

    private static String rule(String column) {
        return "(case upper(" + column + ") when 'CASCADE' then 0 when 'RESTRICT' then 1 when 'SET NULL' then 2"
                + " when 'SET DEFAULT' then 4 else 3 end)";
    }

    /**
     * Foreign keys, filtered by child table ({@code foreignTable}) and/or parent table
     * ({@code primaryTable}); {@code orderByParent} orders as getImportedKeys, else as
     * getExportedKeys/getCrossReference.
     */
    static String foreignKeys(
            String primaryTable, String foreignTable, boolean orderByParent, List<Object> parameters) {
        String parentColumn = "coalesce(nullif(f.\"to\", ''),"
                + " (select k.name from pragma_index_list(f.\"table\") l join pragma_index_info(l.name) k"
                + " where l.origin = 'pk' and k.seqno = f.seq),"
                + " (select c.name from pragma_table_info(f.\"table\") c where c.pk = f.seq + 1))";
        String where = " where t.type = 'TABLE'" + nameFilter("t.name", foreignTable, parameters)
                + nameFilter("f.\"table\"", primaryTable, parameters);
        return TABLES_CTE
                + "select null as PKTABLE_CAT, null as PKTABLE_SCHEM, coalesce(p.name, f.\"table\") as PKTABLE_NAME,"
                + " " + parentColumn + " as PKCOLUMN_NAME,"
                + " null as FKTABLE_CAT, null as FKTABLE_SCHEM, t.name as FKTABLE_NAME, f.\"from\" as FKCOLUMN_NAME,"
                + " f.seq + 1 as KEY_SEQ, " + rule("f.on_update") + " as UPDATE_RULE,"
                + " " + rule("f.on_delete") + " as DELETE_RULE, null as FK_NAME, null as PK_NAME,"
                + " 7 as DEFERRABILITY"
                + " from t join pragma_foreign_key_list(t.obj) f left join t p on p.obj = f.\"table\" collate nocase"
                + where
                + (orderByParent
                        ? " order by PKTABLE_NAME collate nocase, FKTABLE_NAME collate nocase, f.id, KEY_SEQ"
                        : " order by FKTABLE_NAME collate nocase, f.id, KEY_SEQ");
    }

    // ---------------------------------------------------------------- getTypeInfo

    /** One row of getTypeInfo: name, JDBC type, precision, literal prefix/suffix, create params, flags. */
    private record TypeRow(
            String name,
            int dataType,
            Integer precision,
            String prefix,
            String suffix,
            String createParams,
            boolean caseSensitive,
            boolean autoIncrement,
            int maxScale) {}

    private static final List<TypeRow> TYPES = List.of(
            new TypeRow("TINYINT", -6, 3, null, null, null, false, false, 0),
            new TypeRow("BIGINT", -5, 19, null, null, null, false, false, 0),
            new TypeRow("CHAR", 1, 1000000000, "'", "'", "length", true, false, 0),
            new TypeRow("NUMERIC", 2, 1000000000, null, null, "precision,scale", false, false, 1000000000),
            new TypeRow("DECIMAL", 3, 1000000000, null, null, "precision,scale", false, false, 1000000000),
            new TypeRow("INTEGER", 4, 10, null, null, null, false, true, 0),
            new TypeRow("SMALLINT", 5, 5, null, null, null, false, false, 0),
            new TypeRow("FLOAT", 6, 15, null, null, null, false, false, 0),
            new TypeRow("REAL", 7, 7, null, null, null, false, false, 0),
            new TypeRow("DOUBLE", 8, 15, null, null, null, false, false, 0),
            new TypeRow("VARCHAR", 12, 1000000000, "'", "'", "length", true, false, 0),
            new TypeRow("TEXT", 12, 1000000000, "'", "'", null, true, false, 0),
            new TypeRow("BOOLEAN", 16, 1, null, null, null, false, false, 0),
            new TypeRow("DATE", 91, 10, "'", "'", null, false, false, 0),
            new TypeRow("TIME", 92, 8, "'", "'", null, false, false, 0),
            new TypeRow("TIMESTAMP", 93, 29, "'", "'", null, false, false, 0),
            new TypeRow("DATETIME", 93, 29, "'", "'", null, false, false, 0),
            new TypeRow("BLOB", 2004, 1000000000, "X'", "'", null, false, false, 0),
            new TypeRow("CLOB", 2005, 1000000000, "'", "'", null, true, false, 0));

    static String typeInfo() {
        StringBuilder sql = new StringBuilder();
        for (TypeRow row : TYPES) {
            sql.append(sql.length() == 0 ? "select " : " union all select ")
                    .append(literal(row.name()))
                    .append(" as TYPE_NAME, ")
                    .append(row.dataType())
                    .append(" as DATA_TYPE, ")
                    .append(row.precision())
                    .append(" as \"PRECISION\", ")
                    .append(literal(row.prefix()))
                    .append(" as LITERAL_PREFIX, ")
                    .append(literal(row.suffix()))
                    .append(" as LITERAL_SUFFIX, ")
                    .append(literal(row.createParams()))
                    .append(" as CREATE_PARAMS, ")
                    .append("1 as NULLABLE, ")
                    .append(row.caseSensitive() ? 1 : 0)
                    .append(" as CASE_SENSITIVE, ")
                    .append("3 as SEARCHABLE, 0 as UNSIGNED_ATTRIBUTE, 0 as FIXED_PREC_SCALE, ")
                    .append(row.autoIncrement() ? 1 : 0)
                    .append(" as AUTO_INCREMENT, ")
                    .append(literal(row.name()))
                    .append(" as LOCAL_TYPE_NAME, ")
                    .append("0 as MINIMUM_SCALE, ")
                    .append(row.maxScale())
                    .append(" as MAXIMUM_SCALE, ")
                    .append("null as SQL_DATA_TYPE, null as SQL_DATETIME_SUB, 10 as NUM_PREC_RADIX");
        }
        return sql.toString();
    }

    // ---------------------------------------------------------------- static result sets

    static String tableTypes() {
        return "select 'TABLE' as TABLE_TYPE union all select 'VIEW' as TABLE_TYPE";
    }

    /** An SQL string literal, or {@code null}. */
    static String literal(String value) {
        return value == null ? "null" : "'" + value.replace("'", "''") + "'";
    }
}
