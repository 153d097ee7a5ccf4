package dev.libsqljpa.jdbc.internal;

import dev.libsqljpa.jdbc.internal.sql.SqlExceptions;
import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint of a libSQL connection; its SQL name is {@code name}. */
final class LibsqlSavepoint implements Savepoint {
    private final Integer id;
    private final String name;
    private final Object owner;

    LibsqlSavepoint(Integer id, String name, Object owner) {
        this.id = id;
        this.name = name;
        this.owner = owner;
    }

    Object owner() {
        return owner;
    }

    /** The name as sent in SQL. */
    String sqlName() {
        return name;
    }

    /** The savepoint name quoted as an SQL identifier. */
    String quotedName() {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (id == null) {
            throw SqlExceptions.badValue("a named savepoint has no id");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (id != null) {
            throw SqlExceptions.badValue("an unnamed savepoint has no name");
        }
        return name;
    }

    @Override
    public String toString() {
        return "LibsqlSavepoint[" + name + "]";
    }
}
