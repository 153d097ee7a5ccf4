package dev.libsqljpa.hibernate;

import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * Hibernate dialect for libSQL / Turso reached through the {@code jdbc:libsql:} driver.
 */
public class LibsqlDialect extends SQLiteDialect {

    public LibsqlDialect() {
        super();
    }

    public LibsqlDialect(DialectResolutionInfo info) {
        super(info);
    }
}
