package dev.libsqljpa.jdbc.internal.metadata;

import dev.libsqljpa.hrana.http.HranaEndpoint;
import dev.libsqljpa.jdbc.NonRegisteringLibsqlDriver;
import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link DatabaseMetaData} of a libSQL database, built only on the public {@code java.sql} API
 * of its connection.
 *
 * <p>Every catalog method ({@code getTables}, {@code getColumns}, {@code getIndexInfo}, ...) runs
 * exactly one SQL statement over {@code sqlite_schema} and the {@code pragma_*} table-valued
 * functions ({@link MetadataSql}), so it costs one HTTP request whatever the number of tables.
 * Methods that have nothing to report return an empty result set that still carries the JDBC
 * columns (a {@code select ... where 0}). The database version is read once per instance with
 * {@code select sqlite_version()}; every other scalar method answers without a round trip.
 *
 * <p>Catalogs and schemas: libSQL has one database per connection, reported with a
 * {@code null} catalog and schema. Catalog and schema arguments accept {@code null}, {@code ""}
 * and {@code "main"} (schema patterns: anything that matches {@code main}); any other value
 * yields an empty result. Name patterns use {@code %}, {@code _} and the escape {@code \}; they
 * and the exact names of {@code getIndexInfo}/{@code getPrimaryKeys}/... compare ignoring ASCII
 * case, as SQLite resolves names. A {@code null} table name in {@code getIndexInfo},
 * {@code getPrimaryKeys}, {@code getImportedKeys}, {@code getExportedKeys} and
 * {@code getCrossReference} means every table (one request for the whole schema).
 */
public final class LibsqlDatabaseMetaData implements DatabaseMetaData {
    static final String[] TABLES_COLUMNS = {
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "TABLE_TYPE",
        "REMARKS",
        "TYPE_CAT",
        "TYPE_SCHEM",
        "TYPE_NAME",
        "SELF_REFERENCING_COL_NAME",
        "REF_GENERATION"
    };
    static final String[] COLUMNS_COLUMNS = {
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "COLUMN_NAME",
        "DATA_TYPE",
        "TYPE_NAME",
        "COLUMN_SIZE",
        "BUFFER_LENGTH",
        "DECIMAL_DIGITS",
        "NUM_PREC_RADIX",
        "NULLABLE",
        "REMARKS",
        "COLUMN_DEF",
        "SQL_DATA_TYPE",
        "SQL_DATETIME_SUB",
        "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION",
        "IS_NULLABLE",
        "SCOPE_CATALOG",
        "SCOPE_SCHEMA",
        "SCOPE_TABLE",
        "SOURCE_DATA_TYPE",
        "IS_AUTOINCREMENT",
        "IS_GENERATEDCOLUMN"
    };
    static final String[] INDEX_INFO_COLUMNS = {
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "NON_UNIQUE",
        "INDEX_QUALIFIER",
        "INDEX_NAME",
        "TYPE",
        "ORDINAL_POSITION",
        "COLUMN_NAME",
        "ASC_OR_DESC",
        "CARDINALITY",
        "PAGES",
        "FILTER_CONDITION"
    };
    static final String[] PRIMARY_KEYS_COLUMNS = {
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"
    };
    static final String[] KEYS_COLUMNS = {
        "PKTABLE_CAT",
        "PKTABLE_SCHEM",
        "PKTABLE_NAME",
        "PKCOLUMN_NAME",
        "FKTABLE_CAT",
        "FKTABLE_SCHEM",
        "FKTABLE_NAME",
        "FKCOLUMN_NAME",
        "KEY_SEQ",
        "UPDATE_RULE",
        "DELETE_RULE",
        "FK_NAME",
        "PK_NAME",
        "DEFERRABILITY"
    };
    static final String[] TYPE_INFO_COLUMNS = {
        "TYPE_NAME",
        "DATA_TYPE",
        "PRECISION",
        "LITERAL_PREFIX",
        "LITERAL_SUFFIX",
        "CREATE_PARAMS",
        "NULLABLE",
        "CASE_SENSITIVE",
        "SEARCHABLE",
        "UNSIGNED_ATTRIBUTE",
        "FIXED_PREC_SCALE",
        "AUTO_INCREMENT",
        "LOCAL_TYPE_NAME",
        "MINIMUM_SCALE",
        "MAXIMUM_SCALE",
        "SQL_DATA_TYPE",
        "SQL_DATETIME_SUB",
        "NUM_PREC_RADIX"
    };
    static final String[] TABLE_TYPES_COLUMNS = {"TABLE_TYPE"};
    static final String[] CATALOGS_COLUMNS = {"TABLE_CAT"};
    static final String[] SCHEMAS_COLUMNS = {"TABLE_SCHEM", "TABLE_CATALOG"};
    static final String[] CLIENT_INFO_COLUMNS = {"NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION"};
    static final String[] PROCEDURES_COLUMNS = {
        "PROCEDURE_CAT",
        "PROCEDURE_SCHEM",
        "PROCEDURE_NAME",
        "RESERVED1",
        "RESERVED2",
        "RESERVED3",
        "REMARKS",
        "PROCEDURE_TYPE",
        "SPECIFIC_NAME"
    };
    static final String[] PROCEDURE_COLUMNS_COLUMNS = {
        "PROCEDURE_CAT",
        "PROCEDURE_SCHEM",
        "PROCEDURE_NAME",
        "COLUMN_NAME",
        "COLUMN_TYPE",
        "DATA_TYPE",
        "TYPE_NAME",
        "PRECISION",
        "LENGTH",
        "SCALE",
        "RADIX",
        "NULLABLE",
        "REMARKS",
        "COLUMN_DEF",
        "SQL_DATA_TYPE",
        "SQL_DATETIME_SUB",
        "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION",
        "IS_NULLABLE",
        "SPECIFIC_NAME"
    };
    static final String[] FUNCTIONS_COLUMNS = {
        "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME"
    };
    static final String[] FUNCTION_COLUMNS_COLUMNS = {
        "FUNCTION_CAT",
        "FUNCTION_SCHEM",
        "FUNCTION_NAME",
        "COLUMN_NAME",
        "COLUMN_TYPE",
        "DATA_TYPE",
        "TYPE_NAME",
        "PRECISION",
        "LENGTH",
        "SCALE",
        "RADIX",
        "NULLABLE",
        "REMARKS",
        "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION",
        "IS_NULLABLE",
        "SPECIFIC_NAME"
    };
    static final String[] PRIVILEGES_COLUMNS = {
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"
    };
    static final String[] COLUMN_PRIVILEGES_COLUMNS = {
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"
    };
    static final String[] BEST_ROW_COLUMNS = {
        "SCOPE",
        "COLUMN_NAME",
        "DATA_TYPE",
        "TYPE_NAME",
        "COLUMN_SIZE",
        "BUFFER_LENGTH",
        "DECIMAL_DIGITS",
        "PSEUDO_COLUMN"
    };
    static final String[] VERSION_COLUMNS_COLUMNS = {
        "SCOPE",
        "COLUMN_NAME",
        "DATA_TYPE",
        "TYPE_NAME",
        "COLUMN_SIZE",
        "BUFFER_LENGTH",
        "DECIMAL_DIGITS",
        "PSEUDO_COLUMN"
    };
    static final String[] UDT_COLUMNS = {
        "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS", "BASE_TYPE"
    };
    static final String[] SUPER_TYPES_COLUMNS = {
        "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM", "SUPERTYPE_NAME"
    };
    static final String[] SUPER_TABLES_COLUMNS = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME"};
    static final String[] ATTRIBUTES_COLUMNS = {
        "TYPE_CAT",
        "TYPE_SCHEM",
        "TYPE_NAME",
        "ATTR_NAME",
        "DATA_TYPE",
        "ATTR_TYPE_NAME",
        "ATTR_SIZE",
        "DECIMAL_DIGITS",
        "NUM_PREC_RADIX",
        "NULLABLE",
        "REMARKS",
        "ATTR_DEF",
        "SQL_DATA_TYPE",
        "SQL_DATETIME_SUB",
        "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION",
        "IS_NULLABLE",
        "SCOPE_CATALOG",
        "SCOPE_SCHEMA",
        "SCOPE_TABLE",
        "SOURCE_DATA_TYPE"
    };
    static final String[] PSEUDO_COLUMNS_COLUMNS = {
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "COLUMN_NAME",
        "DATA_TYPE",
        "COLUMN_SIZE",
        "DECIMAL_DIGITS",
        "NUM_PREC_RADIX",
        "COLUMN_USAGE",
        "REMARKS",
        "CHAR_OCTET_LENGTH",
        "IS_NULLABLE"
    };

    /** SQLite keywords that are not SQL:2003 keywords (https://sqlite.org/lang_keywords.html). */
    private static final String SQL_KEYWORDS = "ABORT,ANALYZE,ATTACH,AUTOINCREMENT,CONFLICT,DATABASE,DETACH,"
            + "EXCLUSIVE,EXPLAIN,FAIL,GLOB,IGNORE,INDEX,INDEXED,INSTEAD,ISNULL,LIMIT,NOTHING,NOTNULL,OFFSET,PLAN,"
            + "PRAGMA,QUERY,RAISE,REGEXP,REINDEX,RENAME,REPLACE,RETURNING,TEMP,VACUUM,VIRTUAL";

    private final Connection connection;
    private final String url;
    private final String userName;
    /** The endpoint whose version this metadata shares through {@link ServerVersionCache}; null for none. */
    private final HranaEndpoint endpoint;
    /** {@code sqlite_version()}, read on first use (and shared per endpoint through {@link ServerVersionCache}). */
    private volatile String databaseVersion;

    public LibsqlDatabaseMetaData(Connection connection, String url, String userName) {
        this(connection, url, userName, null);
    }

    public LibsqlDatabaseMetaData(Connection connection, String url, String userName, HranaEndpoint endpoint) {
        if (connection == null) {
            throw new IllegalArgumentException("connection must not be null");
        }
        this.connection = connection;
        this.url = url;
        this.userName = userName;
        this.endpoint = endpoint;
    }

    // ------------------------------------------------------------------ execution

    private ResultSet query(String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            ResultSet resultSet = statement.executeQuery();
            statement.closeOnCompletion();
            return resultSet;
        } catch (SQLException | RuntimeException e) {
            try {
                statement.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private ResultSet query(String sql) throws SQLException {
        return query(sql, List.of());
    }

    private ResultSet empty(String[] columns) throws SQLException {
        return query(MetadataSql.empty(columns));
    }

    /** {@code null}, {@code ""} or {@code main}: the one catalog there is. */
    static boolean catalogMatches(String catalog) {
        return catalog == null || catalog.isEmpty() || catalog.equalsIgnoreCase("main");
    }

    /** {@code null}, {@code ""} or a pattern matching {@code main}. */
    static boolean schemaMatches(String schemaPattern) {
        return schemaPattern == null || schemaPattern.isEmpty() || likeMatches(schemaPattern, "main");
    }

    private static boolean namespaceMatches(String catalog, String schemaPattern) {
        return catalogMatches(catalog) && schemaMatches(schemaPattern);
    }

    /** A JDBC name pattern ({@code %}, {@code _}, escape {@code \}) matched ignoring ASCII case. */
    static boolean likeMatches(String pattern, String value) {
        return likeMatches(pattern.toLowerCase(Locale.ROOT), 0, value.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean likeMatches(String pattern, int p, String value, int v) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '%') {
                for (int rest = v; rest <= value.length(); rest++) {
                    if (likeMatches(pattern, p + 1, value, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (v >= value.length()) {
                return false;
            }
            if (c == '\\' && p + 1 < pattern.length()) {
                p++;
                c = pattern.charAt(p);
            } else if (c == '_') {
                p++;
                v++;
                continue;
            }
            if (c != value.charAt(v)) {
                return false;
            }
            p++;
            v++;
        }
        return v == value.length();
    }

    // ------------------------------------------------------------------ catalog queries

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        boolean tables = types == null;
        boolean views = types == null;
        if (types != null) {
            for (String type : types) {
                tables |= "TABLE".equalsIgnoreCase(type);
                views |= "VIEW".equalsIgnoreCase(type);
            }
        }
        List<Object> parameters = new ArrayList<>();
        String sql = MetadataSql.tables(
                tableNamePattern, tables, views, !namespaceMatches(catalog, schemaPattern), parameters);
        return query(sql, parameters);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        if (!namespaceMatches(catalog, schemaPattern)) {
            return empty(COLUMNS_COLUMNS);
        }
        List<Object> parameters = new ArrayList<>();
        return query(MetadataSql.columns(tableNamePattern, columnNamePattern, parameters), parameters);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        if (!namespaceMatches(catalog, schema)) {
            return empty(INDEX_INFO_COLUMNS);
        }
        List<Object> parameters = new ArrayList<>();
        return query(MetadataSql.indexInfo(table, unique, parameters), parameters);
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        if (!namespaceMatches(catalog, schema)) {
            return empty(PRIMARY_KEYS_COLUMNS);
        }
        List<Object> parameters = new ArrayList<>();
        return query(MetadataSql.primaryKeys(table, parameters), parameters);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        if (!namespaceMatches(catalog, schema)) {
            return empty(KEYS_COLUMNS);
        }
        List<Object> parameters = new ArrayList<>();
        return query(MetadataSql.foreignKeys(null, table, true, parameters), parameters);
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        if (!namespaceMatches(catalog, schema)) {
            return empty(KEYS_COLUMNS);
        }
        List<Object> parameters = new ArrayList<>();
        return query(MetadataSql.foreignKeys(table, null, false, parameters), parameters);
    }

    @Override
    public ResultSet getCrossReference(
            String parentCatalog,
            String parentSchema,
            String parentTable,
            String foreignCatalog,
            String foreignSchema,
            String foreignTable)
            throws SQLException {
        if (!namespaceMatches(parentCatalog, parentSchema) || !namespaceMatches(foreignCatalog, foreignSchema)) {
            return empty(KEYS_COLUMNS);
        }
        List<Object> parameters = new ArrayList<>();
        return query(MetadataSql.foreignKeys(parentTable, foreignTable, false, parameters), parameters);
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return query(MetadataSql.typeInfo());
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return query(MetadataSql.tableTypes());
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return empty(CATALOGS_COLUMNS);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return empty(SCHEMAS_COLUMNS);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return empty(SCHEMAS_COLUMNS);
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return empty(CLIENT_INFO_COLUMNS);
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        return empty(PROCEDURES_COLUMNS);
    }

    @Override
    public ResultSet getProcedureColumns(
            String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern)
            throws SQLException {
        return empty(PROCEDURE_COLUMNS_COLUMNS);
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        return empty(FUNCTIONS_COLUMNS);
    }

    @Override
    public ResultSet getFunctionColumns(
            String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
            throws SQLException {
        return empty(FUNCTION_COLUMNS_COLUMNS);
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        return empty(COLUMN_PRIVILEGES_COLUMNS);
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return empty(PRIVILEGES_COLUMNS);
    }

    /**
     * The table's primary-key columns, or the pseudo column {@code rowid} when a rowid table has
     * no primary key; valid for the session whatever {@code scope} asks, and returned whatever
     * {@code nullable} says (SQLite allows NULL in non-integer key columns).
     */
    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        if (table == null || !namespaceMatches(catalog, schema)) {
            return empty(BEST_ROW_COLUMNS);
        }
        List<Object> parameters = new ArrayList<>();
        return query(MetadataSql.bestRowIdentifier(table, parameters), parameters);
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return empty(VERSION_COLUMNS_COLUMNS);
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        return empty(UDT_COLUMNS);
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        return empty(SUPER_TYPES_COLUMNS);
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        return empty(SUPER_TABLES_COLUMNS);
    }

    @Override
    public ResultSet getAttributes(
            String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern)
            throws SQLException {
        return empty(ATTRIBUTES_COLUMNS);
    }

    @Override
    public ResultSet getPseudoColumns(
            String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        return empty(PSEUDO_COLUMNS_COLUMNS);
    }

    // ------------------------------------------------------------------ product and driver

    @Override
    public String getDatabaseProductName() {
        return NonRegisteringLibsqlDriver.PRODUCT_NAME;
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        String version = databaseVersion;
        if (version == null && endpoint != null) {
            version = ServerVersionCache.get(endpoint);
        }
        if (version == null) {
            try (Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select sqlite_version()")) {
                if (!resultSet.next() || resultSet.getString(1) == null) {
                    throw SqlExceptions.general("select sqlite_version() returned no version");
                }
                version = resultSet.getString(1);
            }
            if (endpoint != null) {
                ServerVersionCache.put(endpoint, version);
            }
        }
        if (databaseVersion == null) {
            databaseVersion = version;
        }
        return version;
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return MetadataDriverInfo.versionNumbers(getDatabaseProductVersion())[0];
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return MetadataDriverInfo.versionNumbers(getDatabaseProductVersion())[1];
    }

    private boolean engineAtLeast(int major, int minor) throws SQLException {
        int[] version = MetadataDriverInfo.versionNumbers(getDatabaseProductVersion());
        return version[0] > major || (version[0] == major && version[1] >= minor);
    }

    @Override
    public String getDriverName() {
        return MetadataDriverInfo.NAME;
    }

    @Override
    public String getDriverVersion() {
        return MetadataDriverInfo.VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return MetadataDriverInfo.MAJOR_VERSION;
    }

    @Override
    public int getDriverMinorVersion() {
        return MetadataDriverInfo.MINOR_VERSION;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 3;
    }

    @Override
    public String getURL() {
        return url;
    }

    @Override
    public String getUserName() {
        return userName;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    // ------------------------------------------------------------------ identifiers and SQL

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSQLKeywords() {
        return SQL_KEYWORDS;
    }

    @Override
    public String getNumericFunctions() {
        return "ABS,MOD,ROUND,SIGN";
    }

    @Override
    public String getStringFunctions() {
        return "CHAR,LENGTH,LOWER,LTRIM,REPLACE,RTRIM,SUBSTRING,UPPER";
    }

    @Override
    public String getSystemFunctions() {
        return "IFNULL";
    }

    @Override
    public String getTimeDateFunctions() {
        return "";
    }

    @Override
    public String getSearchStringEscape() {
        return MetadataSql.ESCAPE;
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    // ------------------------------------------------------------------ sorting, nulls, grammar

    @Override
    public boolean allProceduresAreCallable() {
        return false;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return false;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return true;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        return engineAtLeast(3, 35);
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public boolean supportsConvert() {
        return false;
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) {
        return false;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return false;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        return false;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    /** FULL and RIGHT joins exist from SQLite 3.39 on. */
    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        return engineAtLeast(3, 39);
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsPositionedDelete() {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return false;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    // ------------------------------------------------------------------ limits (0 = no known limit)

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return 0;
    }

    /** SQLite's default {@code SQLITE_MAX_COLUMN}. */
    @Override
    public int getMaxColumnsInGroupBy() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInTable() {
        return 2000;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return 0;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return 0;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return false;
    }

    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return 0;
    }

    @Override
    public int getMaxTablesInSelect() {
        return 64;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    /** Only {@link Connection#TRANSACTION_SERIALIZABLE}: every libSQL transaction is serializable. */
    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return true;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    // ------------------------------------------------------------------ result sets and statements

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return true;
    }

    @Override
    public boolean generatedKeyAlwaysReturned() {
        return false;
    }

    /**
     * Both: rows arrive complete with each response, so a result set stays readable after
     * commit whichever holdability was asked for.
     */
    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT || holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean locatorsUpdateCopy() {
        return true;
    }

    @Override
    public boolean supportsStatementPooling() {
        return false;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean supportsRefCursors() {
        return false;
    }

    // ------------------------------------------------------------------ Wrapper

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return SqlExceptions.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface != null && iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "LibsqlDatabaseMetaData[libSQL]";
    }
}
