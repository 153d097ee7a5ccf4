package dev.libsqljpa.hibernate.internal;

import java.sql.SQLException;
import org.hibernate.JDBCException;
import org.hibernate.PessimisticLockException;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.query.sqm.TemporalUnit;

/**
 * The few overrides whose signatures differ between Hibernate lines (this copy: ORM 6.6). Keep this
 * class tiny; everything else lives in the shared tree.
 */
public abstract class SQLiteDialectLineBase extends SQLiteDialect {

    protected SQLiteDialectLineBase(DialectResolutionInfo info) {
        super(info);
    }

    protected SQLiteDialectLineBase(DatabaseVersion version) {
        super(version);
    }

    @Override
    public String extractPattern(TemporalUnit unit) {
        String pattern = LibsqlExtractPatterns.pattern(unit.name());
        return pattern != null ? pattern : super.extractPattern(unit);
    }

    /**
     * The server rolled the transaction back. 6.6 has no TransactionSerializationException; Hibernate's
     * PessimisticLockException (JPA: PessimisticLockException, which also marks the transaction for
     * rollback) is the closest.
     */
    protected static JDBCException transactionRolledBack(String message, SQLException cause, String sql) {
        return new PessimisticLockException(message, cause, sql);
    }
}
