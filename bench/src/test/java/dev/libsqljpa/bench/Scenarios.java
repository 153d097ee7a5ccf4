package dev.libsqljpa.bench;

import static dev.libsqljpa.bench.Measure.NODE;
import static dev.libsqljpa.bench.Measure.RAW;
import static dev.libsqljpa.bench.Measure.SQLITE;
import static dev.libsqljpa.bench.Measure.inJvm;

import dev.libsqljpa.bench.BenchEntities.AssignedRow;
import dev.libsqljpa.bench.BenchEntities.IdentityRow;
import dev.libsqljpa.bench.BenchEntities.Kv;
import dev.libsqljpa.bench.BenchEntities.SequenceIdRow;
import dev.libsqljpa.bench.Measure.Counted;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * The scenarios that run at each delay: for each, the variants (ours and the baselines) doing the same
 * logical work. JDBC and JPA variants go through the {@code main} proxy, as do the raw HttpClient and
 * {@code @libsql/client}; sqlite-jdbc works on a local file.
 */
final class Scenarios {

    static final int TX_ROWS = 100;
    static final int BATCH_ROWS = 1000;
    static final String READ_ALL = "select id, a, b, c, d from kv";

    private final Connection lib;
    private final Connection sqlite;
    private final EntityManagerFactory emf;
    private final DataSource pool;
    private final NodeClient node;
    private final HttpClient raw =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI pipeline;
    private final AtomicLong assignedIds = new AtomicLong();

    Scenarios(
            String proxyUrl,
            Connection lib,
            Connection sqlite,
            DataSource pool,
            EntityManagerFactory emf,
            NodeClient node) {
        this.lib = lib;
        this.sqlite = sqlite;
        this.pool = pool;
        this.emf = emf;
        this.node = node;
        this.pipeline = URI.create(proxyUrl + "/v3/pipeline");
    }

    Map<String, Counted> pkSelects() throws Exception {
        String sql = "select b from kv where id = ?";
        PreparedStatement libPs = lib.prepareStatement(sql);
        PreparedStatement sqlitePs = sqlite.prepareStatement(sql);
        Map<String, Counted> v = new LinkedHashMap<>();
        v.put("libsql-jdbc", main(inJvm(i -> selectOne(libPs, i))));
        byte[][] bodies = byKey(sql);
        v.put(RAW, main(inJvm(i -> post(bodies[(int) key(i) - 1]))));
        v.put(NODE, main((ops, base) -> node.run("pk", ops, base)));
        v.put(SQLITE, new Counted(inJvm(i -> selectOne(sqlitePs, i)), null));
        return v;
    }

    Map<String, Counted> insertTx() {
        StringBuilder steps = new StringBuilder(execute("BEGIN", null));
        for (int j = 0; j < TX_ROWS; j++) {
            steps.append(',').append(execute("insert into ins (v) values (?)", text("v" + j)));
        }
        byte[] body = pipeline(steps.append(',').append(execute("COMMIT", null)).toString());
        Map<String, Counted> v = new LinkedHashMap<>();
        v.put("libsql-jdbc (executeUpdate each)", main(inJvm(i -> jdbcInserts(lib, TX_ROWS, false))));
        v.put("JPA, IDENTITY ids", main(inJvm(i -> inTx(em -> persist(em, TX_ROWS, Scenarios::identityRow)))));
        v.put("JPA, assigned ids", main(inJvm(i -> inTx(em -> persistAssigned(em, TX_ROWS)))));
        v.put(
                "JPA, @GeneratedValue (one id per reservation)",
                main(inJvm(i -> inTx(em -> persist(em, TX_ROWS, Scenarios::sequenceIdRow)))));
        v.put(RAW, main(inJvm(i -> post(body))));
        v.put(NODE, main((ops, base) -> node.run("tx", ops, base)));
        v.put(SQLITE, new Counted(inJvm(i -> jdbcInserts(sqlite, TX_ROWS, false)), null));
        return v;
    }

    Map<String, Counted> batch() {
        StringBuilder steps = new StringBuilder();
        for (int j = 0; j < BATCH_ROWS; j++) {
            steps.append(j == 0 ? "" : ",")
                    .append("{\"stmt\":{\"sql\":\"insert into ins (v) values (?)\",\"args\":[")
                    .append(text("v" + j))
                    .append("],\"want_rows\":false}}");
        }
        // One batch, its steps ungated (the server commits each): cheaper than the others, not the same work.
        byte[] body = pipeline("{\"type\":\"batch\",\"batch\":{\"steps\":[" + steps + "]}}");
        Map<String, Counted> v = new LinkedHashMap<>();
        v.put("libsql-jdbc (executeBatch, autocommit)", main(inJvm(i -> jdbcInserts(lib, BATCH_ROWS, true))));
        v.put("JPA, assigned ids, batch_size 50", main(inJvm(i -> inTx(em -> persistAssigned(em, BATCH_ROWS)))));
        v.put(RAW, main(inJvm(i -> post(body))));
        v.put(NODE, main((ops, base) -> node.run("batch", ops, base)));
        v.put(
                SQLITE,
                new Counted(
                        inJvm(i -> {
                            sqlite.setAutoCommit(
                                    false); // one transaction, as libsql-jdbc wraps an autocommit batch in one
                            try {
                                jdbcInserts(sqlite, BATCH_ROWS, true);
                                sqlite.commit();
                            } finally {
                                sqlite.setAutoCommit(true);
                            }
                        }),
                        null));
        return v;
    }

    Map<String, Counted> read10k() {
        byte[] body = pipeline(execute(READ_ALL, null));
        Map<String, Counted> v = new LinkedHashMap<>();
        v.put("libsql-jdbc", main(inJvm(i -> readAll(lib))));
        v.put("JPA, select k from Kv k", main(inJvm(i -> {
            try (EntityManager em = emf.createEntityManager()) {
                long n = 0;
                for (Kv kv : em.createQuery("select k from Kv k", Kv.class).getResultList()) {
                    n += kv.id + kv.a + kv.b.length() + kv.c.longValue() + kv.d.length;
                }
                check(n > 0, "no rows");
            }
        })));
        v.put(RAW, main(inJvm(i -> post(body))));
        v.put(NODE, main((ops, base) -> node.run("read", ops, base)));
        v.put(SQLITE, new Counted(inJvm(i -> readAll(sqlite)), null));
        return v;
    }

    /** Spring Data's {@code findById}: {@code em.find} in a read-only transaction, and its baselines. */
    Map<String, Counted> find() throws Exception {
        String sql = "select id, a, b, c, d from kv where id = ?";
        PreparedStatement libPs = lib.prepareStatement(sql);
        Map<String, Counted> v = new LinkedHashMap<>();
        v.put("JPA em.find, read-only tx (as Spring's JpaTransactionManager)", main(inJvm(this::readOnlyFind)));
        v.put("JPA em.find, no tx", main(inJvm(i -> {
            try (EntityManager em = emf.createEntityManager()) {
                check(em.find(Kv.class, key(i)) != null, "no row");
            }
        })));
        v.put("libsql-jdbc, autocommit", main(inJvm(i -> selectOne(libPs, i))));
        byte[][] bodies = byKey(sql);
        v.put(RAW, main(inJvm(i -> post(bodies[(int) key(i) - 1]))));
        v.put(NODE, main((ops, base) -> node.run("find", ops, base)));
        return v;
    }

    /** Hibernate boot with {@code hbm2ddl.auto=update} on the up-to-date schema of the bench's 24 entities. */
    Map<String, Counted> schemaUpdate() {
        Map<String, Counted> v = new LinkedHashMap<>();
        v.put("JPA boot, update, 20 + 4 entities", main(inJvm(i -> Jpa.emf(pool).close())));
        return v;
    }

    /**
     * What Spring's JpaTransactionManager does for {@code @Transactional(readOnly = true)} with HibernateJpaDialect:
     * session read-only, flush mode MANUAL, the connection set read-only for the transaction (HikariCP resets it
     * when the connection goes back to the pool).
     */
    private void readOnlyFind(int i) {
        try (EntityManager em = emf.createEntityManager()) {
            Session session = em.unwrap(Session.class);
            session.setDefaultReadOnly(true);
            session.setHibernateFlushMode(FlushMode.MANUAL);
            em.getTransaction().begin();
            session.doWork(c -> c.setReadOnly(true));
            check(em.find(Kv.class, key(i)) != null, "no row");
            em.getTransaction().commit();
        }
    }

    private void inTx(Consumer<EntityManager> work) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        }
    }

    private static void persist(EntityManager em, int n, IntFunction<Object> row) {
        for (int j = 0; j < n; j++) {
            em.persist(row.apply(j));
        }
    }

    private static IdentityRow identityRow(int j) {
        IdentityRow r = new IdentityRow();
        r.v = "v" + j;
        return r;
    }

    private static SequenceIdRow sequenceIdRow(int j) {
        SequenceIdRow r = new SequenceIdRow();
        r.v = "v" + j;
        return r;
    }

    private void persistAssigned(EntityManager em, int n) {
        for (int j = 0; j < n; j++) {
            AssignedRow r = new AssignedRow();
            r.id = assignedIds.incrementAndGet();
            r.v = "v" + j;
            em.persist(r);
        }
    }

    /** Pre-built pipelines of {@code sql} for every key of {@code kv}, so the raw client builds nothing. */
    private static byte[][] byKey(String sql) {
        byte[][] bodies = new byte[10_000][];
        for (int k = 0; k < bodies.length; k++) {
            bodies[k] = pipeline(execute(sql, "{\"type\":\"integer\",\"value\":\"" + (k + 1) + "\"}"));
        }
        return bodies;
    }

    private static long key(int i) {
        return i % 10_000 + 1;
    }

    private static void selectOne(PreparedStatement ps, int i) throws Exception {
        ps.setLong(1, key(i));
        try (ResultSet rs = ps.executeQuery()) {
            check(rs.next() && rs.getString(rs.getMetaData().getColumnCount() == 1 ? 1 : 3) != null, "no row");
        }
    }

    static void jdbcInserts(Connection c, int n, boolean batch) throws Exception {
        if (batch) {
            try (PreparedStatement ps = c.prepareStatement("insert into ins (v) values (?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setString(1, "v" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return;
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("insert into ins (v) values (?)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, "v" + i);
                ps.executeUpdate();
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void readAll(Connection c) throws Exception {
        long n = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(READ_ALL)) {
            while (rs.next()) {
                n += rs.getLong(1)
                        + rs.getLong(2)
                        + rs.getString(3).length()
                        + (long) rs.getDouble(4)
                        + rs.getBytes(5).length;
            }
        }
        check(n > 0, "no rows");
    }

    private void post(byte[] body) throws Exception {
        HttpResponse<byte[]> response = raw.send(
                HttpRequest.newBuilder(pipeline)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(response.statusCode() == 200, "HTTP " + response.statusCode());
    }

    /** A Hrana pipeline of the given requests, then close. */
    static byte[] pipeline(String requests) {
        return ("{\"baton\":null,\"requests\":[" + requests + ",{\"type\":\"close\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String execute(String sql, String arg) {
        return "{\"type\":\"execute\",\"stmt\":{\"sql\":\"" + sql + "\""
                + (arg == null ? "" : ",\"args\":[" + arg + "]") + ",\"want_rows\":true}}";
    }

    private static String text(String value) {
        return "{\"type\":\"text\",\"value\":\"" + value + "\"}";
    }

    private static Counted main(Measure.Variant variant) {
        return new Counted(variant, "main");
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("bench operation failed: " + what);
        }
    }
}
