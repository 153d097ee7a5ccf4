package dev.libsqljpa.examples.blog.app;

import dev.libsqljpa.examples.blog.model.Post;
import dev.libsqljpa.examples.blog.model.Series;
import dev.libsqljpa.hibernate.schema.SchemaReport;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The default run: schema, one write transaction, typical reads, one update. */
final class BlogRun {

    private final Target target;
    private final Report report;

    BlogRun(Target target, Report report) {
        this.target = target;
        this.report = report;
    }

    void run() {
        report.title("Schema (persistence unit 'blog', model v5, hibernate.hbm2ddl.auto=update)");
        List<SchemaReport> schema = new ArrayList<>();
        BlogDatabase db = report.measure(
                "start EntityManagerFactory + schema update", () -> BlogDatabase.open("blog", target, schema::add));
        try (db) {
            schema.forEach(report::schema);
            long runNumber = db.read(em -> em.createQuery("select count(s) from Series s", Long.class)
                            .getSingleResult())
                    + 1;

            report.title("Writes");
            Long firstPostId = report.measure(
                    "persist 1 series, 4 posts, 3 images (one transaction)",
                    () -> db.inTransaction(em -> writeSeries(em, runNumber)));

            report.title("Reads");
            Post found = report.measure("find a post by id", () -> db.read(em -> em.find(Post.class, firstPostId)));
            report.line("-> \"" + found.getTitle() + "\" (" + found.getSlug() + ")");

            List<Post> latest = report.measure(
                    "latest 5 published posts with their series (join fetch)",
                    () -> db.read(em -> em.createQuery(
                                    "select p from Post p left join fetch p.series "
                                            + "where p.published = true order by p.publishedAt desc, p.id desc",
                                    Post.class)
                            .setMaxResults(5)
                            .getResultList()));
            for (Post post : latest) {
                report.line("-> " + post.getPublishedAt() + "  " + post.getTitle()
                        + (post.getSeries() == null
                                ? ""
                                : "  [" + post.getSeries().getTitle() + " #" + post.getSeriesPosition() + "]"));
            }

            List<Object[]> perSeries = report.measure(
                    "posts per series (group by, order by count)",
                    () -> db.read(em -> em.createQuery(
                                    "select s.title, count(p) from Series s left join s.posts p "
                                            + "group by s.id, s.title order by count(p) desc, s.title",
                                    Object[].class)
                            .getResultList()));
            for (Object[] row : perSeries.subList(0, Math.min(3, perSeries.size()))) {
                report.line("-> " + row[0] + ": " + row[1] + " posts");
            }

            Long tagged = report.measure(
                    "count posts tagged 'jdbc' (like)",
                    () -> db.read(em -> em.createQuery("select count(p) from Post p where p.tags like :tag", Long.class)
                            .setParameter("tag", "%jdbc%")
                            .getSingleResult()));
            report.line("-> " + tagged + " posts");

            report.title("Update");
            report.measure(
                    "publish the draft post (one transaction)",
                    () -> db.inTransactionDo(em -> {
                        Post draft = em.createQuery("select p from Post p where p.slug = :slug", Post.class)
                                .setParameter("slug", "draft-" + runNumber)
                                .getSingleResult();
                        draft.publish(Instant.now());
                    }));

            report.title("Totals");
            long posts = db.read(em ->
                    em.createQuery("select count(p) from Post p", Long.class).getSingleResult());
            long series = db.read(em ->
                    em.createQuery("select count(s) from Series s", Long.class).getSingleResult());
            long images = db.read(em ->
                    em.createQuery("select count(i) from Image i", Long.class).getSingleResult());
            report.line("rows: posts=" + posts + ", series=" + series + ", images=" + images + " (run #" + runNumber
                    + " on this database)");
        }
    }

    private static Long writeSeries(EntityManager em, long run) {
        Series series = new Series(
                "libSQL from Java, part " + run,
                "libsql-from-java-" + run,
                "JPA entities in a Turso database, step by step.");
        em.persist(series);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS);
        String[] titles = {"Connecting over HTTP", "Mapping entities", "Evolving the schema"};
        Post first = null;
        for (int i = 0; i < titles.length; i++) {
            Post post = new Post(titles[i], "run-" + run + "-part-" + (i + 1), "Part " + (i + 1) + " of the series.");
            post.setTags(i == 0 ? "jdbc,http" : "jpa,hibernate");
            post.setExcerpt(titles[i] + ": a short introduction.");
            post.setSeries(series, i + 1);
            post.publish(start.plus(i, ChronoUnit.DAYS));
            post.addImage("https://example.com/img/" + run + "/" + (i + 1) + ".png", "Illustration " + (i + 1));
            em.persist(post);
            if (first == null) {
                first = post;
            }
        }
        Post draft = new Post("What comes next", "draft-" + run, "Not published yet.");
        draft.setSubtitle("A draft outside any series");
        em.persist(draft);
        em.flush();
        return first.getId();
    }
}
