package dev.libsqljpa.hibernate.internal;

import org.hibernate.community.dialect.identity.SQLiteIdentityColumnSupport;

/**
 * Identity columns for libSQL: {@code INTEGER PRIMARY KEY}, i.e. the rowid alias.
 *
 * <p>The type is spelled in upper case on purpose. Hibernate 7.1/7.4 skip the identity type when the
 * lower-cased CREATE TABLE buffer already contains it, and an earlier {@code integer} column (a
 * {@code @Version int}, say) would then turn {@code id integer primary key} into {@code id primary key}:
 * no rowid alias, ids read back as NULL. Only the buffer is lower-cased, so {@code INTEGER} survives.
 */
public final class LibsqlIdentityColumnSupport extends SQLiteIdentityColumnSupport {

    public static final LibsqlIdentityColumnSupport INSTANCE = new LibsqlIdentityColumnSupport();

    @Override
    public String getIdentityColumnString(int type) {
        return "INTEGER";
    }
}
