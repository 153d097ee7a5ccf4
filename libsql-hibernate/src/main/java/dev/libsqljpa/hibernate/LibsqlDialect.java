package dev.libsqljpa.hibernate;

import dev.libsqljpa.hibernate.internal.LibsqlDecimalJdbcTypes;
import dev.libsqljpa.hibernate.internal.LibsqlIdentityColumnSupport;
import dev.libsqljpa.hibernate.internal.LibsqlSequenceSupport;
import dev.libsqljpa.hibernate.internal.LibsqlSqlExceptions;
import dev.libsqljpa.hibernate.internal.LibsqlTableExporter;
import dev.libsqljpa.hibernate.internal.LibsqlTableMigrator;
import dev.libsqljpa.hibernate.internal.LibsqlTemporalJdbcTypes;
import dev.libsqljpa.hibernate.internal.SQLiteDialectLineBase;
import dev.libsqljpa.hibernate.schema.LibsqlSchemaManagementTool;
import java.sql.Types;
import java.util.Map;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.identity.IdentityColumnSupport;
import org.hibernate.dialect.sequence.SequenceSupport;
import org.hibernate.dialect.temptable.TemporaryTableKind;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.exception.spi.SQLExceptionConversionDelegate;
import org.hibernate.exception.spi.ViolatedConstraintNameExtractor;
import org.hibernate.mapping.Table;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.tool.schema.internal.StandardTableMigrator;
import org.hibernate.tool.schema.spi.Exporter;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BlobJdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;

/**
 * Hibernate dialect for libSQL / Turso reached through the {@code jdbc:libsql:} driver. Hibernate
 * selects it by itself (see {@link LibsqlDialectResolver}); no {@code hibernate.dialect} is needed.
 *
 * <p>Differences from the community {@code SQLiteDialect} it extends:
 * <ul>
 *   <li>identity ids come back from {@code INSERT ... RETURNING} in the same request, never from a
 *       separate {@code select last_insert_rowid()};</li>
 *   <li>sequences are emulated by one-row tables updated in the current transaction, so
 *       {@code @GeneratedValue} ids work inside a transaction that already wrote;</li>
 *   <li>the identity type is spelled {@code INTEGER} (Hibernate 7's column ordering would otherwise drop
 *       it), and validation treats SQLite's type affinities as equivalent;</li>
 *   <li>foreign keys are declared inline in CREATE TABLE, and on columns added by schema update;</li>
 *   <li>CREATE TABLE / CREATE INDEX are {@code IF NOT EXISTS};</li>
 *   <li>constraint violations carry their kind and the violated columns or constraint, busy/locked
 *       errors become lock exceptions, a transaction the server rolled back becomes a rollback;</li>
 *   <li>date/time values are stored as text in one format that sorts correctly and that SQLite's date
 *       functions read (UTC for instants); {@code extract()} returns numbers.</li>
 * </ul>
 */
public class LibsqlDialect extends SQLiteDialectLineBase {

    public LibsqlDialect() {
        // Used when hibernate.dialect names this class and metadata access is disabled: SQLite 3.35 is the
        // first engine with RETURNING, which this dialect relies on.
        super(DatabaseVersion.make(3, 35));
    }

    public LibsqlDialect(DialectResolutionInfo info) {
        super(info);
    }

    public LibsqlDialect(DatabaseVersion version) {
        super(version);
    }

    // --- ids -------------------------------------------------------------------------------------

    @Override
    public IdentityColumnSupport getIdentityColumnSupport() {
        return LibsqlIdentityColumnSupport.INSTANCE;
    }

    /** {@code insert ... returning id}: the key arrives with the insert's own result. */
    @Override
    public boolean supportsInsertReturning() {
        return true;
    }

    @Override
    public boolean supportsInsertReturningGeneratedKeys() {
        return false;
    }

    /**
     * Sequences emulated by a one-row table that the generator updates on the session's connection, in
     * the current transaction (see {@link LibsqlSequenceSupport}): {@code @GeneratedValue} works inside a
     * transaction that already wrote, and its inserts can be batched.
     */
    @Override
    public SequenceSupport getSequenceSupport() {
        return LibsqlSequenceSupport.INSTANCE;
    }

    // --- DDL -------------------------------------------------------------------------------------

    @Override
    public String getCreateTableString() {
        return "create table if not exists";
    }

    /**
     * Hibernate creates the id tables of bulk mutations ({@code HTE_*}, persistent tables on SQLite) at
     * every start and swallows the error of a plain {@code create table} that already exists: create
     * them with {@code if not exists} instead (Hibernate 7 takes {@link #getCreateTableString()} for
     * them already; 6.6 asks this method).
     */
    @Override
    public String getTemporaryTableCreateCommand() {
        return getSupportedTemporaryTableKind() == TemporaryTableKind.PERSISTENT
                ? getCreateTableString()
                : super.getTemporaryTableCreateCommand();
    }

    @Override
    public String getCreateIndexString(boolean unique) {
        return unique ? "create unique index if not exists" : "create index if not exists";
    }

    @Override
    public Exporter<Table> getTableExporter() {
        return new LibsqlTableExporter(this);
    }

    /** Declared as {@link StandardTableMigrator}: its package is the same on 6.6 and 7.x (docs/architecture.md). */
    @Override
    public StandardTableMigrator getTableMigrator() {
        return new LibsqlTableMigrator(this);
    }

    /** Schema management that survives real deployments: see {@link LibsqlSchemaManagementTool}. */
    @Override
    public SchemaManagementTool getFallbackSchemaManagementTool(
            Map<String, Object> configurationValues, ServiceRegistryImplementor registry) {
        return new LibsqlSchemaManagementTool();
    }

    /**
     * SQLite stores by affinity, and the driver reports declared types: integer types are one another's
     * equivalent (an {@code INTEGER} id column validates for a {@code Long}), as are the text, real and
     * binary families.
     */
    @Override
    public boolean equivalentTypes(int typeCode1, int typeCode2) {
        return super.equivalentTypes(typeCode1, typeCode2)
                || affinity(typeCode1) != null && affinity(typeCode1).equals(affinity(typeCode2));
    }

    private static String affinity(int typeCode) {
        return switch (typeCode) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.BOOLEAN, Types.BIT -> "INTEGER";
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> "REAL";
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.CLOB,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.NCLOB -> "TEXT";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "BLOB";
            case Types.NUMERIC, Types.DECIMAL -> "NUMERIC";
            default -> null;
        };
    }

    // --- types -----------------------------------------------------------------------------------

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        JdbcTypeRegistry registry = typeContributions.getTypeConfiguration().getJdbcTypeRegistry();
        registry.addDescriptor(new LibsqlTemporalJdbcTypes.TextTimestamp());
        registry.addDescriptor(new LibsqlTemporalJdbcTypes.TextTimestampUtc());
        registry.addDescriptor(new LibsqlTemporalJdbcTypes.TextTimestampWithTimeZone());
        registry.addDescriptor(new LibsqlTemporalJdbcTypes.TextDate());
        registry.addDescriptor(new LibsqlTemporalJdbcTypes.TextTime());
        registry.addDescriptor(new LibsqlDecimalJdbcTypes.ExactNumeric());
        registry.addDescriptor(new LibsqlDecimalJdbcTypes.ExactDecimal());
        // @Lob byte[] / Blob: bound with setBytes and read with getBytes (no java.sql.Blob round trip).
        registry.addDescriptor(Types.BLOB, BlobJdbcType.MATERIALIZED);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.TIMESTAMP_UTC ? "timestamp" : super.columnType(sqlTypeCode);
    }

    // --- functions -------------------------------------------------------------------------------

    /** UTC, in the stored text format (with milliseconds), so it compares with stored instants. */
    @Override
    public String currentTimestamp() {
        return "strftime('%Y-%m-%d %H:%M:%f','now')";
    }

    // --- errors ----------------------------------------------------------------------------------

    @Override
    public SQLExceptionConversionDelegate buildSQLExceptionConversionDelegate() {
        return LibsqlSqlExceptions.conversionDelegate(SQLiteDialectLineBase::transactionRolledBack);
    }

    @Override
    public ViolatedConstraintNameExtractor getViolatedConstraintNameExtractor() {
        return LibsqlSqlExceptions.nameExtractor();
    }
}
