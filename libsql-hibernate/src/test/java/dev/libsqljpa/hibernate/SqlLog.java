package dev.libsqljpa.hibernate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Records the SQL Hibernate prepares (lower-cased), so tests can assert on what was sent. */
final class SqlLog implements StatementInspector {

    private final List<String> statements = new ArrayList<>();

    @Override
    public synchronized String inspect(String sql) {
        statements.add(sql.toLowerCase(Locale.ROOT));
        return sql;
    }

    synchronized void clear() {
        statements.clear();
    }

    synchronized List<String> statements() {
        return List.copyOf(statements);
    }
}
