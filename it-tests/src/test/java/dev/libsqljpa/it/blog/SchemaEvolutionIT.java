package dev.libsqljpa.it.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.blog.v1.V1Ops;
import dev.libsqljpa.it.blog.v2.V2Ops;
import dev.libsqljpa.it.blog.v3.V3Ops;
import dev.libsqljpa.it.blog.v4.V4Ops;
import dev.libsqljpa.it.blog.v5.V5Ops;
import dev.libsqljpa.it.support.DatabaseFile;
import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.ItServer;
import dev.libsqljpa.it.support.LibsqlModuleSetup;
import dev.libsqljpa.it.support.SharedLibsql;
import dev.libsqljpa.it.support.Wars;
import dev.libsqljpa.testing.blog.BlogVersion;
import dev.libsqljpa.testing.blog.PostColumns;
import dev.libsqljpa.testing.blog.SeriesColumns;
import dev.libsqljpa.testing.blog.v4.PostV4Columns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The blog's deployment history (docs/architecture.md, "The blog model") replayed as redeploys of one WAR, blog.war, v1 → v5 on the module
 * datasource with hbm2ddl=update: after each step the database has the version's columns and foreign keys, earlier
 * rows are still there and the new version can write; redeploying v5 unchanged changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SchemaEvolutionIT {

    private static final List<String> POSTS_V1 = List.of(
            "id",
            "title",
            "slug",
            "content",
            "excerpt",
            "tags",
            "published",
            "published_at",
            "inserted_at",
            "updated_at");
    private static final List<String> SERIES =
            List.of("id", "title", "slug", "description", "published", "inserted_at", "updated_at");
    private static final List<String> IMAGES = List.of("id", "post_id", "url", "alt", "inserted_at");

    @Deployment(name = "v1", managed = false, testable = false)
    static WebArchive v1() {
        return blog("v1", BlogVersion.V1, V1Ops.class);
    }

    @Deployment(name = "v2", managed = false, testable = false)
    static WebArchive v2() {
        return blog("v2", BlogVersion.V2, V2Ops.class);
    }

    @Deployment(name = "v3", managed = false, testable = false)
    static WebArchive v3() {
        return blog("v3", BlogVersion.V3, V3Ops.class);
    }

    @Deployment(name = "v4", managed = false, testable = false)
    static WebArchive v4() {
        return blog("v4", BlogVersion.V4, V4Ops.class);
    }

    @Deployment(name = "v5", managed = false, testable = false)
    static WebArchive v5() {
        return blog("v5", BlogVersion.V5, V5Ops.class);
    }

    /** blog-vN.war, served at /blog whatever the version (Arquillian needs distinct archive names). */
    private static WebArchive blog(String version, BlogVersion model, Class<? extends BlogOps> ops) {
        List<Class<?>> classes = new ArrayList<>(model.entities());
        classes.addAll(List.of(PostColumns.class, SeriesColumns.class, PostV4Columns.class));
        classes.addAll(List.of(ops, BlogOps.class, BlogResource.class, Snapshots.class));
        return Wars.jpa("blog-" + version, LibsqlModuleSetup.JNDI_NAME, classes.toArray(Class<?>[]::new))
                .addAsWebInfResource(
                        new StringAsset("<jboss-web><context-root>/blog</context-root></jboss-web>"), "jboss-web.xml");
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void blogSchemaEvolvesAcrossRedeploysAndKeepsItsData() {
        LibsqlModuleSetup.ensureInstalled();
        Path db = SharedLibsql.server().databaseFile();
        Http http = new Http(ItServer.current().baseUrl("blog"));

        step("v1");
        seed(http, "a");
        assertThat(DatabaseFile.columns(db, "posts")).containsExactlyInAnyOrderElementsOf(POSTS_V1);
        assertThat(snapshot(http)).isEqualTo("posts=[post-a]");
        deployer.undeploy("v1");

        step("v2");
        assertThat(snapshot(http)).isEqualTo("posts=[post-a] series=[]");
        seed(http, "b");
        assertThat(DatabaseFile.columns(db, "series")).containsExactlyInAnyOrderElementsOf(SERIES);
        assertThat(snapshot(http)).isEqualTo("posts=[post-a, post-b] series=[series-b]");
        deployer.undeploy("v2");

        step("v3");
        assertThat(DatabaseFile.columns(db, "posts")).containsExactlyInAnyOrderElementsOf(with(POSTS_V1, "series_id"));
        assertThat(DatabaseFile.foreignKeys(db, "posts")).containsExactly("series_id->series(id)");
        seed(http, "c");
        assertThat(snapshot(http))
                .isEqualTo("posts=[post-a, post-b, post-c] series=[series-b, series-c] links=[post-c->series-c]");
        deployer.undeploy("v3");

        step("v4");
        assertThat(DatabaseFile.columns(db, "posts"))
                .containsExactlyInAnyOrderElementsOf(with(POSTS_V1, "series_id", "subtitle", "series_position"));
        seed(http, "d");
        assertThat(snapshot(http))
                .isEqualTo("posts=[post-a, post-b, post-c, post-d]"
                        + " series=[series-b, series-c, series-d] links=[post-c->series-c, post-d->series-d]"
                        + " positions=[post-d#1]");
        deployer.undeploy("v4");

        step("v5");
        assertThat(DatabaseFile.columns(db, "images")).containsExactlyInAnyOrderElementsOf(IMAGES);
        assertThat(DatabaseFile.foreignKeys(db, "images")).containsExactly("post_id->posts(id)");
        // Columns are only dropped on opt-in; v5 must still write series rows without "published".
        assertThat(DatabaseFile.columns(db, "series"))
                .containsAll(List.of("id", "title", "slug", "description", "inserted_at", "updated_at"));
        seed(http, "e");
        String v5Data = snapshot(http);
        assertThat(v5Data)
                .isEqualTo("posts=[post-a, post-b, post-c, post-d, post-e]"
                        + " series=[series-b, series-c, series-d, series-e]"
                        + " links=[post-c->series-c, post-d->series-d, post-e->series-e]"
                        + " positions=[post-d#1, post-e#1] images=[https://img.example/e.png->post-e]");
        List<String> v5Schema = DatabaseFile.schema(db);
        deployer.undeploy("v5");

        step("v5");
        assertThat(DatabaseFile.schema(db)).isEqualTo(v5Schema);
        assertThat(snapshot(http)).isEqualTo(v5Data);
        deployer.undeploy("v5");
    }

    private void step(String version) {
        deployer.deploy(version);
    }

    private static void seed(Http http, String tag) {
        Http.Response response = http.post("api/blog/seed?tag=" + tag, "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static String snapshot(Http http) {
        Http.Response response = http.get("api/blog/snapshot");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> with(List<String> columns, String... added) {
        List<String> all = new ArrayList<>(columns);
        all.addAll(List.of(added));
        return all;
    }
}
