package dev.libsqljpa.examples.blog.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Builds section 3 of docs/getting-started.md as a user would: the dependency block must name
 * exactly the artifacts (and versions) on this module's class path, and the persistence.xml, copied
 * verbatim into a tiny application compiled here with javax.tools, must start against a libSQL
 * server with nothing added but the URL of the test server.
 */
@ExtendWith(LibsqlServerExtension.class)
class GettingStartedDocTest {

    private static final Path DOC = Path.of("..", "..", "docs", "getting-started.md");
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern DEPENDENCY =
            Pattern.compile("<groupId>(.*?)</groupId>\\s*<artifactId>(.*?)</artifactId>\\s*<version>(.*?)</version>");

    private static String section3() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## 3. Your own application");
        int end = doc.indexOf("## 4.", start);
        assertThat(start).describedAs("section 3 in %s", DOC).isNotNegative();
        return doc.substring(start, end);
    }

    private static List<String> xmlBlocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = XML_BLOCK.matcher(section3());
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theDependencyBlockNamesWhatThisBuildUses() throws Exception {
        String dependencies = xmlBlocks().get(0);
        Matcher m = DEPENDENCY.matcher(dependencies);
        List<String> coordinates = new ArrayList<>();
        while (m.find()) {
            coordinates.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
        }
        String classPath = System.getProperty("java.class.path");
        String projectVersion = System.getProperty("project.version");

        assertThat(coordinates)
                .extracting(c -> c.split(":")[1])
                .containsExactly("libsql-jdbc", "libsql-hibernate", "hibernate-core", "hibernate-community-dialects");
        for (String coordinate : coordinates) {
            String[] parts = coordinate.split(":");
            if (parts[0].equals("dev.libsqljpa")) {
                assertThat(parts[2])
                        .describedAs("version of %s in the doc", coordinate)
                        .isEqualTo(projectVersion);
            } else {
                assertThat(classPath)
                        .describedAs("%s on the class path of a build using it", coordinate)
                        .contains(parts[1] + "-" + parts[2] + ".jar");
            }
        }
    }

    @Test
    void thePersistenceXmlStartsAnApplicationAgainstLibsql(LibsqlTestServer server) throws Exception {
        String persistenceXml = xmlBlocks().get(1);
        assertThat(persistenceXml)
                .contains("<persistence ", "<class>com.example.Note</class>")
                .doesNotContain("hibernate.dialect");
        Path app = Path.of("target", "getting-started");
        Path sources = app.resolve("src/com/example");
        Path classes = app.resolve("classes");
        Files.createDirectories(sources);
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/persistence.xml"), persistenceXml, StandardCharsets.UTF_8);
        Path note = sources.resolve("Note.java");
        Files.writeString(note, """
                package com.example;

                import jakarta.persistence.Entity;
                import jakarta.persistence.GeneratedValue;
                import jakarta.persistence.GenerationType;
                import jakarta.persistence.Id;

                @Entity
                public class Note {
                    @Id
                    @GeneratedValue(strategy = GenerationType.IDENTITY)
                    public Long id;
                    public String text;
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                note.toString());
        assertThat(status).describedAs("javac status").isZero();

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            // The only change to the documented file: the URL of the test server instead of Turso's.
            EntityManagerFactory factory = Persistence.createEntityManagerFactory(
                    "app", Map.of("jakarta.persistence.jdbc.url", "jdbc:libsql:" + server.url()));
            try (factory;
                    EntityManager em = factory.createEntityManager()) {
                Class<?> noteClass = loader.loadClass("com.example.Note");
                Object entity = noteClass.getConstructor().newInstance();
                noteClass.getField("text").set(entity, "hello");
                em.getTransaction().begin();
                em.persist(entity);
                em.getTransaction().commit();
                em.clear();

                Object id = noteClass.getField("id").get(entity);
                Object found = em.find(noteClass, id);
                assertThat(noteClass.getField("text").get(found)).isEqualTo("hello");
                assertThat(factory.getProperties().get("hibernate.dialect"))
                        .describedAs("no dialect configured")
                        .isNull();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertThat(new File(classes.toFile(), "com/example/Note.class")).exists();
    }
}
