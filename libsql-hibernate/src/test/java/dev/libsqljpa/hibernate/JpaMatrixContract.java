package dev.libsqljpa.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.libsqljpa.hibernate.model.Address;
import dev.libsqljpa.hibernate.model.Author;
import dev.libsqljpa.hibernate.model.BankPayment;
import dev.libsqljpa.hibernate.model.Car;
import dev.libsqljpa.hibernate.model.CardPayment;
import dev.libsqljpa.hibernate.model.Event;
import dev.libsqljpa.hibernate.model.Payment;
import dev.libsqljpa.hibernate.model.Post;
import dev.libsqljpa.hibernate.model.Status;
import dev.libsqljpa.hibernate.model.Tag;
import dev.libsqljpa.hibernate.model.Truck;
import dev.libsqljpa.hibernate.model.Vehicle;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JPA matrix of issue 4, bootstrapped from {@code META-INF/persistence.xml} (unit {@code matrix},
 * RESOURCE_LOCAL, no {@code hibernate.dialect}). One server and one EntityManagerFactory per concrete
 * class; every test starts from empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaMatrixContract {

    protected EntityManagerFactory emf;

    protected final SqlLog sqlLog = new SqlLog();

    /** Starts the server; returns the settings that point the unit at it. */
    protected abstract Map<String, Object> startServer() throws Exception;

    protected abstract void stopServer() throws Exception;

    @BeforeAll
    final void bootPersistenceUnit() throws Exception {
        Map<String, Object> settings = new HashMap<>(startServer());
        settings.put("hibernate.session_factory.statement_inspector", sqlLog);
        emf = Persistence.createEntityManagerFactory("matrix", settings);
    }

    @AfterAll
    final void closePersistenceUnit() throws Exception {
        try {
            if (emf != null) {
                emf.close();
            }
        } finally {
            stopServer();
        }
    }

    @BeforeEach
    final void emptyTables() {
        // One JDBC batch: one request (plus the commit) instead of one per table.
        inTransaction(em -> em.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String table :
                        List.of("post_tag", "Post", "Author", "Tag", "Payment", "Car", "Truck", "Vehicle", "Event")) {
                    statement.addBatch("delete from " + table);
                }
                statement.executeBatch();
            }
        }));
    }

    // --- helpers ---------------------------------------------------------------------------------

    protected void inTransaction(Consumer<EntityManager> work) {
        fromTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    protected <T> T fromTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    protected static ConstraintViolationException constraintViolation(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation) {
                return violation;
            }
        }
        throw new AssertionError("no ConstraintViolationException in the cause chain", thrown);
    }

    /** The kind on this Hibernate line: 6.6 has only UNIQUE and OTHER. */
    protected static ConstraintKind kindOnThisLine(String name) {
        try {
            return ConstraintKind.valueOf(name);
        } catch (IllegalArgumentException notOnThisLine) {
            return ConstraintKind.OTHER;
        }
    }

    private Long newAuthorWithPosts(String name, String... titles) {
        return fromTransaction(em -> {
            Author author = new Author(name);
            for (String title : titles) {
                author.addPost(new Post(title, name + "-" + title.toLowerCase(Locale.ROOT)));
            }
            em.persist(author);
            return author.getId();
        });
    }

    // --- CRUD and ids ----------------------------------------------------------------------------

    @Test
    void crudRoundTrip() {
        Long id = newAuthorWithPosts("ada");
        assertThat(id).isNotNull();

        inTransaction(em -> em.find(Author.class, id).setName("ada lovelace"));
        EntityManager reader = emf.createEntityManager();
        Author found = reader.find(Author.class, id);
        assertThat(found.getName()).isEqualTo("ada lovelace");
        assertThat(found.getVersion()).isEqualTo(1);
        reader.close();

        inTransaction(em -> em.remove(em.find(Author.class, id)));
        EntityManager after = emf.createEntityManager();
        assertThat(after.find(Author.class, id)).isNull();
        after.close();
    }

    @Test
    void identityIdsAreDistinctAndSurviveAnIntegerVersionColumn() {
        Long first = newAuthorWithPosts("first");
        Long second = newAuthorWithPosts("second");
        assertThat(first).isNotNull();
        assertThat(second).isNotNull().isNotEqualTo(first);
        EntityManager em = emf.createEntityManager();
        assertThat(em.find(Author.class, second).getName()).isEqualTo("second");
        em.close();
    }

    @Test
    void identityIdsComeFromInsertReturningNotFromASecondQuery() {
        sqlLog.clear();
        newAuthorWithPosts("returning", "One");
        List<String> sql = sqlLog.statements();
        assertThat(sql)
                .anySatisfy(s -> assertThat(s).startsWith("insert into author").contains("returning id"));
        assertThat(sql)
                .anySatisfy(s -> assertThat(s).startsWith("insert into post").contains("returning id"));
        assertThat(sql).noneSatisfy(s -> assertThat(s).contains("last_insert_rowid"));
    }

    @Test
    void schemaDeclaresForeignKeysInlineAndIntegerRowidIds() {
        inTransaction(em -> {
            String post = (String) em.createNativeQuery("select sql from sqlite_schema where lower(name) = 'post'")
                    .getSingleResult();
            assertThat(post.toLowerCase(Locale.ROOT))
                    .containsPattern("foreign key \\(author_id\\) references author \\(id\\)")
                    .contains("id integer")
                    .contains("primary key (id)"); // single INTEGER pk column = rowid alias
            String joinTable =
                    (String) em.createNativeQuery("select sql from sqlite_schema where lower(name) = 'post_tag'")
                            .getSingleResult();
            assertThat(joinTable.toLowerCase(Locale.ROOT))
                    .contains("references post (id)")
                    .contains("references tag (id)");
            String author = (String) em.createNativeQuery("select sql from sqlite_schema where lower(name) = 'author'")
                    .getSingleResult();
            assertThat(author).contains("id INTEGER");
        });
    }

    @Test
    void valuesAreStoredInTheDocumentedFormats() {
        UUID id = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        inTransaction(em -> {
            Event event = new Event(id, "format");
            event.setHappenedAt(Instant.parse("2024-03-01T10:15:30.5Z"));
            event.setOffsetStamp(OffsetDateTime.parse("2024-03-01T12:15:30+02:00"));
            event.setLocalStamp(LocalDateTime.of(2024, 3, 1, 10, 15));
            event.setDay(LocalDate.of(2024, 3, 1));
            event.setTimeOfDay(LocalTime.of(7, 5, 0, 1_000_000));
            em.persist(event);
        });
        inTransaction(em -> {
            Object[] row =
                    (Object[]) em.createNativeQuery("select cast(happenedAt as text), cast(offsetStamp as text), "
                                    + "cast(localStamp as text), cast(day as text), cast(timeOfDay as text), typeof(happenedAt), typeof(day) "
                                    + "from Event")
                            .getSingleResult();
            assertThat(row)
                    .containsExactly(
                            "2024-03-01 10:15:30.5",
                            "2024-03-01 10:15:30",
                            "2024-03-01 10:15:00",
                            "2024-03-01",
                            "07:05:00.001",
                            "text",
                            "text");
        });
        inTransaction(em -> {
            Post post = new Post("stored", "stored");
            post.setFeatured(true);
            post.setPrice(new BigDecimal("12.50"));
            em.persist(post);
            Event other = new Event(UUID.randomUUID(), "json");
            other.setCorrelation(id);
            other.setAttributes(Map.of("k", "v"));
            em.persist(other);
        });
        inTransaction(em -> {
            Object[] row = (Object[]) em.createNativeQuery("select typeof(e.id), typeof(e.correlation), "
                            + "cast(e.attributes as text), typeof(e.attributes), typeof(p.featured), p.featured, typeof(p.price), "
                            + "p.status from Event e, Post p where e.name = 'json'")
                    .getSingleResult();
            // UUID: 16-byte blob; JSON: text; boolean: integer 0/1; BigDecimal: a number (REAL or INTEGER).
            assertThat(row[0]).isEqualTo("blob");
            assertThat(row[1]).isEqualTo("blob");
            assertThat(row[2]).isEqualTo("{\"k\":\"v\"}");
            assertThat(row[3]).isEqualTo("text");
            assertThat(row[4]).isEqualTo("integer");
            assertThat(row[6]).isEqualTo("real");
            assertThat(row[7]).isEqualTo("DRAFT");
        });
    }

    @Test
    void sixtyFourBitIdsAreExact() {
        long big = (1L << 53) + 1; // not representable as a double
        inTransaction(
                em -> em.createNativeQuery("insert into Author (id, version, name) values (" + big + ", 0, 'big')")
                        .executeUpdate());
        Long next = newAuthorWithPosts("after-big");
        assertThat(next).isEqualTo(big + 1);

        inTransaction(em -> em.persist(new Tag(Long.MAX_VALUE, "max")));
        EntityManager em = emf.createEntityManager();
        assertThat(em.find(Author.class, big).getName()).isEqualTo("big");
        assertThat(em.find(Tag.class, Long.MAX_VALUE).getLabel()).isEqualTo("max");
        em.close();
    }

    // --- associations ----------------------------------------------------------------------------

    @Test
    void oneToManyCascadesAndRemovesOrphans() {
        Long id = newAuthorWithPosts("grace", "Compilers", "Cobol", "Nanoseconds");

        inTransaction(em -> {
            Author author = em.find(Author.class, id);
            assertThat(author.getPosts())
                    .extracting(Post::getTitle)
                    .containsExactly("Cobol", "Compilers", "Nanoseconds");
            author.removePost(author.getPosts().get(0));
        });
        inTransaction(em -> {
            assertThat(em.createQuery("select count(p) from Post p", Long.class).getSingleResult())
                    .isEqualTo(2L);
            em.remove(em.find(Author.class, id));
        });
        inTransaction(em -> assertThat(em.createQuery("select count(p) from Post p", Long.class)
                        .getSingleResult())
                .isZero());
    }

    @Test
    void manyToManyUsesTheJoinTable() {
        Long authorId = newAuthorWithPosts("linus", "Git", "Kernel");
        inTransaction(em -> {
            Tag vcs = new Tag(1L, "vcs");
            Tag os = new Tag(2L, "os");
            em.persist(vcs);
            em.persist(os);
            for (Post post : em.find(Author.class, authorId).getPosts()) {
                post.getTags().add(post.getTitle().equals("Git") ? vcs : os);
                post.getTags().add(vcs);
            }
        });
        inTransaction(em -> {
            List<String> titles = em.createQuery(
                            "select p.title from Post p join p.tags t where t.label = :label order by p.title",
                            String.class)
                    .setParameter("label", "vcs")
                    .getResultList();
            assertThat(titles).containsExactly("Git", "Kernel");
            assertThat(em.find(Tag.class, 2L).getPosts())
                    .extracting(Post::getTitle)
                    .containsExactly("Kernel");
            Number rows = (Number)
                    em.createNativeQuery("select count(*) from post_tag").getSingleResult();
            assertThat(rows.longValue()).isEqualTo(3L);
        });
    }

    @Test
    void embeddableRoundTripsAndIsQueryable() {
        Long id = fromTransaction(em -> {
            Author author = new Author("alan");
            author.setAddress(new Address("Bletchley Park", "Milton Keynes", "MK3 6EB"));
            em.persist(author);
            return author.getId();
        });
        inTransaction(em -> {
            Author author = em.createQuery("select a from Author a where a.address.city = :city", Author.class)
                    .setParameter("city", "Milton Keynes")
                    .getSingleResult();
            assertThat(author.getId()).isEqualTo(id);
            assertThat(author.getAddress().getStreet()).isEqualTo("Bletchley Park");
            assertThat(author.getAddress().getPostcode()).isEqualTo("MK3 6EB");
        });
    }

    @Test
    void singleTableInheritanceIsPolymorphic() {
        inTransaction(em -> {
            em.persist(new CardPayment(1L, new BigDecimal("10.50"), "4242"));
            em.persist(new BankPayment(2L, new BigDecimal("99.99"), "DE89370400440532013000"));
        });
        inTransaction(em -> {
            List<Payment> all = em.createQuery("select p from Payment p order by p.id", Payment.class)
                    .getResultList();
            assertThat(all).hasSize(2);
            assertThat(all.get(0)).isInstanceOf(CardPayment.class);
            assertThat(((BankPayment) all.get(1)).getIban()).isEqualTo("DE89370400440532013000");
            assertThat(em.createQuery("select c from CardPayment c", CardPayment.class)
                            .getSingleResult()
                            .getAmount())
                    .isEqualByComparingTo("10.50");
            assertThat(em.createQuery("select sum(p.amount) from Payment p", BigDecimal.class)
                            .getSingleResult())
                    .isEqualByComparingTo("110.49");
        });
    }

    @Test
    void joinedInheritanceIsPolymorphicAndBulkMutable() {
        inTransaction(em -> {
            em.persist(new Car(1L, "volvo", 5));
            em.persist(new Car(2L, "fiat", 4));
            em.persist(new Truck(3L, "volvo", 18.5));
        });
        inTransaction(em -> {
            List<Vehicle> volvos = em.createQuery(
                            "select v from Vehicle v where v.maker = 'volvo' order by v.id", Vehicle.class)
                    .getResultList();
            assertThat(volvos).hasSize(2);
            assertThat(volvos.get(0)).isInstanceOf(Car.class);
            assertThat(((Truck) volvos.get(1)).getPayloadTons()).isEqualTo(18.5);
            assertThat(em.createQuery("select avg(v.wheels) from Vehicle v", Double.class)
                            .getSingleResult())
                    .isCloseTo(14.0 / 3, Offset.offset(1e-9));
        });
        // Bulk mutation of a JOINED hierarchy goes through Hibernate's temporary-table strategy.
        int updated = fromTransaction(em -> em.createQuery("update Car c set c.maker = 'VOLVO' where c.seats = 5")
                .executeUpdate());
        assertThat(updated).isEqualTo(1);
        int deleted = fromTransaction(em ->
                em.createQuery("delete from Vehicle v where v.maker = 'volvo'").executeUpdate());
        assertThat(deleted).isEqualTo(1);
        inTransaction(em -> assertThat(em.createQuery("select v.maker from Vehicle v order by v.id", String.class)
                        .getResultList())
                .containsExactly("VOLVO", "fiat"));
    }

    // --- queries ---------------------------------------------------------------------------------

    private void seedPostsForQueries() {
        inTransaction(em -> {
            String[][] data = {
                {"ann", "a1", "3"},
                {"ann", "a2", "5"},
                {"ann", "a3", "7"},
                {"bob", "b1", "1"},
                {"bob", "b2", "2"},
                {"cy", "c1", "10"}
            };
            Map<String, Author> authors = new HashMap<>();
            for (String[] row : data) {
                Author author = authors.computeIfAbsent(row[0], name -> {
                    Author created = new Author(name);
                    em.persist(created);
                    return created;
                });
                Post post = author.addPost(new Post(row[1], row[1]));
                post.setViews(Integer.parseInt(row[2]));
                em.persist(post);
            }
        });
    }

    @Test
    void jpqlJoinsGroupingHavingOrderingPagingSubqueriesAndInLists() {
        seedPostsForQueries();
        inTransaction(em -> {
            List<Object[]> perAuthor = em.createQuery(
                            "select a.name, count(p), sum(p.views) from Author a join a.posts p "
                                    + "group by a.name having count(p) > 1 order by a.name",
                            Object[].class)
                    .getResultList();
            assertThat(perAuthor).hasSize(2);
            assertThat(perAuthor.get(0)).containsExactly("ann", 3L, 15L);
            assertThat(perAuthor.get(1)).containsExactly("bob", 2L, 3L);

            List<String> page = em.createQuery("select p.title from Post p order by p.views desc", String.class)
                    .setFirstResult(1)
                    .setMaxResults(2)
                    .getResultList();
            assertThat(page).containsExactly("a3", "a2");

            List<String> aboveAverage = em.createQuery(
                            "select p.title from Post p where p.views > (select avg(q.views) from Post q) order by p.title",
                            String.class)
                    .getResultList();
            assertThat(aboveAverage).containsExactly("a2", "a3", "c1"); // average 4.67

            List<String> inList = em.createQuery(
                            "select p.title from Post p where p.author.name in :names order by p.title", String.class)
                    .setParameter("names", List.of("bob", "cy"))
                    .getResultList();
            assertThat(inList).containsExactly("b1", "b2", "c1");

            List<String> withoutPosts = em.createQuery(
                            "select a.name from Author a where not exists (select p from Post p where p.author = a and p.views > 4) "
                                    + "order by a.name",
                            String.class)
                    .getResultList();
            assertThat(withoutPosts).containsExactly("bob");

            List<Author> fetched = em.createQuery(
                            "select distinct a from Author a left join fetch a.posts where a.name = 'ann'",
                            Author.class)
                    .getResultList();
            assertThat(fetched)
                    .singleElement()
                    .satisfies(a -> assertThat(a.getPosts()).hasSize(3));
        });
    }

    @Test
    void criteriaJoinsGroupingHavingOrderingPagingSubqueriesAndInLists() {
        seedPostsForQueries();
        inTransaction(em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();

            CriteriaQuery<Tuple> grouped = cb.createTupleQuery();
            Root<Author> author = grouped.from(Author.class);
            Join<Author, Post> post = author.join("posts");
            grouped.multiselect(author.get("name"), cb.sum(post.<Integer>get("views")))
                    .groupBy(author.get("name"))
                    .having(cb.gt(cb.count(post), 1L))
                    .orderBy(cb.desc(author.get("name")));
            List<Tuple> rows = em.createQuery(grouped).getResultList();
            assertThat(rows).extracting(t -> t.get(0)).containsExactly("bob", "ann");
            assertThat(rows.get(1).get(1, Number.class).longValue()).isEqualTo(15L);

            CriteriaQuery<String> paged = cb.createQuery(String.class);
            Root<Post> p = paged.from(Post.class);
            Subquery<Double> avg = paged.subquery(Double.class);
            Root<Post> q = avg.from(Post.class);
            avg.select(cb.avg(q.get("views")));
            paged.select(p.get("title"))
                    .where(
                            cb.lt(p.get("views"), avg),
                            p.get("author").get("name").in("ann", "bob"))
                    .orderBy(cb.asc(p.get("views")));
            assertThat(em.createQuery(paged).setFirstResult(1).setMaxResults(2).getResultList())
                    .containsExactly("b2", "a1");
        });
    }

    @Test
    void nativeQueriesReadAndWrite() {
        seedPostsForQueries();
        inTransaction(em -> {
            int changed = em.createNativeQuery("update Post set views = views + 100 where title like ?1")
                    .setParameter(1, "a%")
                    .executeUpdate();
            assertThat(changed).isEqualTo(3);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select a.name, max(p.views) from Post p join Author a on a.id = p.author_id "
                                    + "group by a.name order by a.name")
                    .getResultList();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)[0]).isEqualTo("ann");
            assertThat(((Number) rows.get(0)[1]).intValue()).isEqualTo(107);
            List<?> mapped = em.createNativeQuery("select * from Post where title = 'c1'", Post.class)
                    .getResultList();
            assertThat(mapped)
                    .singleElement()
                    .extracting(o -> ((Post) o).getViews())
                    .isEqualTo(10);
        });
    }

    @Test
    void bulkUpdateAndDelete() {
        seedPostsForQueries();
        int updated = fromTransaction(
                em -> em.createQuery("update Post p set p.status = :status, p.views = p.views * 2 where p.views >= 5")
                        .setParameter("status", Status.PUBLISHED)
                        .executeUpdate());
        assertThat(updated).isEqualTo(3);
        int deleted = fromTransaction(em -> em.createQuery("delete from Post p where p.status = :status")
                .setParameter("status", Status.DRAFT)
                .executeUpdate());
        assertThat(deleted).isEqualTo(3);
        inTransaction(em -> assertThat(em.createQuery("select p.views from Post p order by p.views", Integer.class)
                        .getResultList())
                .containsExactly(10, 14, 20));
    }

    @Test
    void functionsUsersExpect() {
        inTransaction(em -> {
            Event event = new Event(UUID.randomUUID(), "Launch Day");
            event.setLocalStamp(LocalDateTime.of(2024, 3, 9, 17, 45, 30));
            event.setDay(LocalDate.of(2024, 3, 9));
            event.setHappenedAt(Instant.parse("2020-01-01T00:00:00Z"));
            em.persist(event);
        });
        inTransaction(em -> {
            Object[] row = em.createQuery(
                            "select lower(e.name), upper(e.name), substring(e.name, 1, 6), "
                                    + "locate('Day', e.name), length(e.name), concat(e.name, '!') from Event e",
                            Object[].class)
                    .getSingleResult();
            assertThat(row).containsExactly("launch day", "LAUNCH DAY", "Launch", 8, 10, "Launch Day!");

            Object[] parts = em.createQuery(
                            "select extract(year from e.localStamp), extract(month from e.localStamp), "
                                    + "extract(day from e.localStamp), extract(hour from e.localStamp), extract(minute from e.localStamp), "
                                    + "year(e.day), month(e.day), day(e.day) from Event e",
                            Object[].class)
                    .getSingleResult();
            assertThat(parts).containsExactly(2024, 3, 9, 17, 45, 2024, 3, 9);

            assertThat(em.createQuery(
                                    "select count(e) from Event e where month(e.day) = 3 and day(e.day) = 9",
                                    Long.class)
                            .getSingleResult())
                    .isEqualTo(1L);
            assertThat(em.createQuery("select count(e) from Event e where e.happenedAt < current_timestamp", Long.class)
                            .getSingleResult())
                    .isEqualTo(1L);
            assertThat(em.createQuery("select count(e) from Event e where e.day < current_date", Long.class)
                            .getSingleResult())
                    .isEqualTo(1L);
        });
    }

    // --- locking and constraint errors -----------------------------------------------------------

    @Test
    void optimisticLockConflictIsDetected() {
        Long id = newAuthorWithPosts("optimist");
        EntityManager first = emf.createEntityManager();
        EntityManager second = emf.createEntityManager();
        try {
            first.getTransaction().begin();
            Author mine = first.find(Author.class, id);
            first.getTransaction().commit();
            second.getTransaction().begin();
            second.find(Author.class, id).setName("theirs");
            second.getTransaction().commit();

            first.getTransaction().begin();
            mine.setName("mine");
            first.merge(mine);
            assertThatThrownBy(() -> first.getTransaction().commit())
                    .isInstanceOfAny(RollbackException.class, OptimisticLockException.class)
                    .satisfies(e -> assertThat(e instanceof OptimisticLockException
                                    || e.getCause() instanceof OptimisticLockException)
                            .isTrue());
        } finally {
            if (first.getTransaction().isActive()) {
                first.getTransaction().rollback();
            }
            first.close();
            second.close();
        }
        EntityManager em = emf.createEntityManager();
        assertThat(em.find(Author.class, id).getName()).isEqualTo("theirs");
        em.close();
    }

    @Test
    void pessimisticLockRequestDoesNotBreakTheQuery() {
        Long id = newAuthorWithPosts("pessimist");
        sqlLog.clear();
        inTransaction(em -> {
            Author author = em.find(Author.class, id, LockModeType.PESSIMISTIC_WRITE);
            assertThat(author.getName()).isEqualTo("pessimist");
            assertThat(em.createQuery("select a from Author a where a.id = :id", Author.class)
                            .setParameter("id", id)
                            .setLockMode(LockModeType.PESSIMISTIC_READ)
                            .getSingleResult())
                    .isSameAs(author);
        });
        assertThat(sqlLog.statements())
                .isNotEmpty()
                .noneSatisfy(s -> assertThat(s).contains("for update"));
    }

    @Test
    void foreignKeyViolationIsRaised() {
        assertThatThrownBy(() -> inTransaction(em -> {
                    em.createNativeQuery("insert into Post (version, title, slug, featured, views, author_id) "
                                    + "values (0, 'orphan', 'orphan', 0, 0, 424242)")
                            .executeUpdate();
                }))
                .isInstanceOf(PersistenceException.class)
                .satisfies(e -> assertThat(constraintViolation(e).getKind()).isEqualTo(kindOnThisLine("FOREIGN_KEY")));
        inTransaction(em -> assertThat(em.createQuery("select count(p) from Post p", Long.class)
                        .getSingleResult())
                .isZero());
    }

    @Test
    void uniqueViolationIsMappedWithKindAndName() {
        newAuthorWithPosts("unique", "Only");
        Long other = newAuthorWithPosts("other");
        Throwable thrown = catchThrowable(() -> inTransaction(em -> {
            em.find(Author.class, other).addPost(new Post("Copy", "unique-only"));
        }));
        assertThat(thrown).isInstanceOf(PersistenceException.class);
        ConstraintViolationException violation = constraintViolation(thrown);
        assertThat(violation.getKind()).isEqualTo(ConstraintKind.UNIQUE);
        assertThat(violation.getConstraintName()).isEqualToIgnoringCase("Post.slug");
    }

    @Test
    void notNullViolationIsMappedWithKindAndColumn() {
        Throwable thrown = catchThrowable(() -> inTransaction(em -> {
            em.createNativeQuery("insert into Author (version, name) values (0, null)")
                    .executeUpdate();
        }));
        ConstraintViolationException violation = constraintViolation(thrown);
        assertThat(violation.getKind()).isEqualTo(kindOnThisLine("NOT_NULL"));
        assertThat(violation.getConstraintName()).isEqualToIgnoringCase("Author.name");
    }

    // --- types -----------------------------------------------------------------------------------

    @Test
    void lobsRoundTrip() {
        String text = "Ω≈ç√ lorem ipsum ".repeat(8_000);
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        UUID id = UUID.randomUUID();
        Long postId = fromTransaction(em -> {
            Event event = new Event(id, "lob");
            event.setPayload(bytes);
            em.persist(event);
            Post post = new Post("lob", "lob");
            post.setContent(text);
            em.persist(post);
            return post.getId();
        });
        EntityManager em = emf.createEntityManager();
        assertThat(em.find(Event.class, id).getPayload()).isEqualTo(bytes);
        assertThat(em.find(Post.class, postId).getContent()).isEqualTo(text);
        em.close();
    }

    @Test
    void javaTimeRoundTripsAndOrders() {
        Instant base = Instant.parse("2024-02-29T23:59:59.123456789Z");
        List<UUID> ids = new ArrayList<>();
        inTransaction(em -> {
            // Inserted out of order; fractions of different lengths must still sort correctly as text.
            long[] offsetsMillis = {5_000, 0, 500, 1, 86_400_000L, -3_600_000L};
            for (long offset : offsetsMillis) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                Event event = new Event(id, "t" + offset);
                Instant at = base.plusMillis(offset);
                event.setHappenedAt(at);
                event.setLocalStamp(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
                event.setOffsetStamp(at.atOffset(ZoneOffset.ofHours(5)));
                event.setDay(LocalDate.ofInstant(at, ZoneOffset.UTC));
                event.setTimeOfDay(LocalTime.ofInstant(at, ZoneOffset.UTC));
                em.persist(event);
            }
        });
        EntityManager em = emf.createEntityManager();
        Event exact = em.find(Event.class, ids.get(1));
        assertThat(exact.getHappenedAt()).isEqualTo(base);
        assertThat(exact.getLocalStamp()).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789));
        assertThat(exact.getOffsetStamp().toInstant()).isEqualTo(base);
        assertThat(exact.getDay()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(exact.getTimeOfDay()).isEqualTo(LocalTime.of(23, 59, 59, 123_456_789));

        List<Instant> ordered = em.createQuery("select e.happenedAt from Event e order by e.happenedAt", Instant.class)
                .getResultList();
        assertThat(ordered).isSortedAccordingTo(Instant::compareTo).hasSize(6);
        List<OffsetDateTime> byOffset = em.createQuery(
                        "select e.offsetStamp from Event e order by e.offsetStamp desc", OffsetDateTime.class)
                .getResultList();
        assertThat(byOffset.get(0).toInstant()).isEqualTo(base.plusMillis(86_400_000L));
        assertThat(em.createQuery("select count(e) from Event e where e.happenedAt > :t", Long.class)
                        .setParameter("t", base)
                        .getSingleResult())
                .isEqualTo(4L);
        assertThat(em.createQuery("select count(e) from Event e where e.localStamp between :a and :b", Long.class)
                        .setParameter("a", LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789))
                        .setParameter("b", LocalDateTime.of(2024, 3, 1, 0, 0, 4, 123_456_789))
                        .getSingleResult())
                .isEqualTo(4L);
        em.close();
    }

    @Test
    void bigDecimalsAreExactOrRefused() {
        BigDecimal[] exact = {
            new BigDecimal("0.1"),
            new BigDecimal("123456789012.345"),
            new BigDecimal("9223372036854775807"),
            new BigDecimal("-42.00")
        };
        List<Long> ids = new ArrayList<>();
        inTransaction(em -> {
            for (int i = 0; i < exact.length; i++) {
                Post post = new Post("n" + i, "n" + i);
                post.setPrice(exact[i]);
                em.persist(post);
                ids.add(post.getId());
            }
        });
        EntityManager em = emf.createEntityManager();
        for (int i = 0; i < exact.length; i++) {
            assertThat(em.find(Post.class, ids.get(i)).getPrice()).isEqualByComparingTo(exact[i]);
        }
        assertThat(em.createQuery("select p.title from Post p where p.price > :p order by p.price", String.class)
                        .setParameter("p", new BigDecimal("100"))
                        .getResultList())
                .containsExactly("n1", "n2");
        em.close();

        Throwable refused = catchThrowable(() -> inTransaction(tx -> {
            Post post = new Post("too precise", "too-precise");
            post.setPrice(new BigDecimal("12345678901234567.89"));
            tx.persist(post);
        }));
        assertThat(refused).isInstanceOf(PersistenceException.class);
        assertThat(refused)
                .rootCause()
                .hasMessageContaining("cannot be stored without loss")
                .isInstanceOf(SQLDataException.class);
        inTransaction(
                tx -> assertThat(tx.createQuery("select count(p) from Post p where p.slug = 'too-precise'", Long.class)
                                .getSingleResult())
                        .isZero());
    }

    @Test
    void booleanEnumBigDecimalUuidAndJsonRoundTrip() {
        UUID correlation = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        BigDecimal price = new BigDecimal("1234567890123.45");
        Long id = fromTransaction(em -> {
            Post post = new Post("typed", "typed");
            post.setFeatured(true);
            post.setStatus(Status.ARCHIVED);
            post.setPrice(price);
            em.persist(post);
            Event event = new Event(eventId, "json");
            event.setCorrelation(correlation);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("tags", List.of("a", "b"));
            attributes.put("count", 3);
            event.setAttributes(attributes);
            em.persist(event);
            return post.getId();
        });
        EntityManager em = emf.createEntityManager();
        Post post = em.find(Post.class, id);
        assertThat(post.isFeatured()).isTrue();
        assertThat(post.getStatus()).isEqualTo(Status.ARCHIVED);
        assertThat(post.getPrice()).isEqualByComparingTo(price);
        assertThat(em.createQuery("select p.id from Post p where p.featured = true and p.status = :s", Long.class)
                        .setParameter("s", Status.ARCHIVED)
                        .getResultList())
                .containsExactly(id);
        Event event = em.find(Event.class, eventId);
        assertThat(event.getCorrelation()).isEqualTo(correlation);
        assertThat(event.getAttributes()).containsEntry("count", 3).containsEntry("tags", List.of("a", "b"));
        assertThat(em.createQuery("select e.name from Event e where e.correlation = :c", String.class)
                        .setParameter("c", correlation)
                        .getSingleResult())
                .isEqualTo("json");
        em.close();
    }

    @Test
    void batchedInsertOfAssignedAndUuidIds() {
        inTransaction(em -> {
            for (int i = 0; i < 1000; i++) {
                em.persist(new Event(UUID.randomUUID(), "e" + i));
                em.persist(new Tag((long) i, "t" + i));
            }
        });
        inTransaction(em -> {
            assertThat(em.createQuery("select count(e) from Event e", Long.class)
                            .getSingleResult())
                    .isEqualTo(1000L);
            assertThat(em.createQuery("select count(t) from Tag t", Long.class).getSingleResult())
                    .isEqualTo(1000L);
        });
    }

    /** The driver defers insert batches during a flush; their failure is still thrown by flush(). */
    @Test
    void uniqueViolationInABatchedFlushIsThrownByFlush() {
        inTransaction(em -> em.persist(new Tag(5L, "five")));
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            for (int i = 0; i < 120; i++) {
                em.persist(new Tag(1000L + i, "t" + i));
            }
            em.persist(new Tag(5L, "again"));
            Throwable thrown = catchThrowable(em::flush);
            assertThat(thrown).describedAs("thrown by flush").isInstanceOf(PersistenceException.class);
            ConstraintViolationException violation = constraintViolation(thrown);
            assertThat(violation.getKind()).isEqualTo(ConstraintKind.UNIQUE);
            assertThat(violation.getConstraintName()).isEqualToIgnoringCase("Tag.id");
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
        inTransaction(check -> assertThat(check.createQuery("select count(t) from Tag t", Long.class)
                        .getSingleResult())
                .describedAs("nothing of the failed flush committed")
                .isEqualTo(1L));
    }

    /** Versioned updates are never deferred: their counts stay exact while inserts are deferred. */
    @Test
    void optimisticLockConflictIsDetectedWhileInsertsAreDeferred() {
        Long id = newAuthorWithPosts("deferred-optimist");
        EntityManager first = emf.createEntityManager();
        EntityManager second = emf.createEntityManager();
        try {
            first.getTransaction().begin();
            Author mine = first.find(Author.class, id);
            first.getTransaction().commit();
            second.getTransaction().begin();
            second.find(Author.class, id).setName("theirs");
            second.getTransaction().commit();

            first.getTransaction().begin();
            for (int i = 0; i < 60; i++) {
                first.persist(new Tag(2000L + i, "d" + i));
            }
            mine.setName("mine");
            first.merge(mine);
            assertThatThrownBy(first::flush)
                    .satisfies(e -> assertThat(e instanceof OptimisticLockException
                                    || e.getCause() instanceof OptimisticLockException
                                    || e instanceof StaleStateException
                                    || e.getCause() instanceof StaleStateException)
                            .isTrue());
        } finally {
            if (first.getTransaction().isActive()) {
                first.getTransaction().rollback();
            }
            first.close();
            second.close();
        }
        inTransaction(em -> {
            assertThat(em.find(Author.class, id).getName()).isEqualTo("theirs");
            assertThat(em.createQuery("select count(t) from Tag t", Long.class).getSingleResult())
                    .isZero();
        });
    }
}
