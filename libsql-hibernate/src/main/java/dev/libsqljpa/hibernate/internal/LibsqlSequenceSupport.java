package dev.libsqljpa.hibernate.internal;

import org.hibernate.MappingException;
import org.hibernate.dialect.sequence.SequenceSupport;

/**
 * Sequences for SQLite, which has none: a one-row table {@code <name> (next_val)} that Hibernate's
 * sequence generator updates on the session's own connection, inside the current transaction
 * ({@code update <name> set next_val = next_val + 1 returning next_val - 1}). A table-backed generator
 * would use a second connection instead, which waits for the write lock the current transaction
 * already holds (SQLite has a single writer).
 *
 * <p>Because the reservation belongs to the transaction, a rollback takes it back. That is only safe
 * when every id is reserved by the transaction that uses it, never cached across transactions: pooled
 * sequences are reported as unsupported (Hibernate then never combines this table with an in-memory
 * range), the increment is always 1, and {@code LibsqlIdGeneratorCheck} fails the boot for the
 * generators that would cache. Why: docs/hibernate.md, "Ids and round trips".
 *
 * <p>The table and its column are those of Hibernate's table-backed generator ({@code next_val},
 * holding the next value to hand out), so a database created by it keeps its values. Creation is
 * idempotent: the table {@code if not exists}, the seed row only where the table has none.
 */
public final class LibsqlSequenceSupport implements SequenceSupport {

    public static final LibsqlSequenceSupport INSTANCE = new LibsqlSequenceSupport();

    /** The column holding the next value to hand out. */
    public static final String VALUE_COLUMN = "next_val";

    private LibsqlSequenceSupport() {}

    @Override
    public boolean supportsSequences() {
        return true;
    }

    /** A pooled optimizer would keep a range whose reservation a rollback can undo. */
    @Override
    public boolean supportsPooledSequences() {
        return false;
    }

    @Override
    public String getSequenceNextValString(String sequenceName) {
        return "update " + sequenceName + " set " + VALUE_COLUMN + " = " + VALUE_COLUMN + " + 1 returning "
                + VALUE_COLUMN + " - 1";
    }

    @Override
    public String getSequenceNextValString(String sequenceName, int increment) {
        requireIncrementOne(sequenceName, increment);
        return getSequenceNextValString(sequenceName);
    }

    /** A statement that reserves a value cannot be nested in a query (e.g. an HQL insert … select). */
    @Override
    public String getSelectSequenceNextValString(String sequenceName) {
        throw new MappingException("libSQL has no sequences: the value of " + sequenceName
                + " can only be reserved by a statement of its own, not inside a query (an HQL insert ... select"
                + " of an entity with a sequence id is not supported; persist the entities instead)");
    }

    @Override
    public String getCreateSequenceString(String sequenceName) {
        return createTable(sequenceName);
    }

    @Override
    public String getCreateSequenceString(String sequenceName, int initialValue, int incrementSize) {
        requireIncrementOne(sequenceName, incrementSize);
        return createTable(sequenceName);
    }

    @Override
    public String[] getCreateSequenceStrings(String sequenceName, int initialValue, int incrementSize) {
        requireIncrementOne(sequenceName, incrementSize);
        return new String[] {createTable(sequenceName), seed(sequenceName, initialValue)};
    }

    /** Hibernate 7 passes the sequence's options (none on libSQL); 6.6 has no such method. */
    public String[] getCreateSequenceStrings(String sequenceName, int initialValue, int incrementSize, String options) {
        return getCreateSequenceStrings(sequenceName, initialValue, incrementSize);
    }

    @Override
    public String getDropSequenceString(String sequenceName) {
        return "drop table if exists " + sequenceName;
    }

    @Override
    public String[] getDropSequenceStrings(String sequenceName) {
        return new String[] {getDropSequenceString(sequenceName)};
    }

    private static String createTable(String sequenceName) {
        return "create table if not exists " + sequenceName + " (" + VALUE_COLUMN + " bigint not null)";
    }

    /** One statement, so two instances creating the table at once still leave exactly one row. */
    private static String seed(String sequenceName, int initialValue) {
        return "insert into " + sequenceName + " (" + VALUE_COLUMN + ") select " + initialValue
                + " where not exists (select 1 from " + sequenceName + ")";
    }

    private static void requireIncrementOne(String sequenceName, int increment) {
        if (increment != 1) {
            throw new MappingException("libSQL sequence " + sequenceName + " with increment " + increment
                    + ": only increment 1 is safe (" + LibsqlIdGeneratorCheck.ADVICE + ")");
        }
    }
}
