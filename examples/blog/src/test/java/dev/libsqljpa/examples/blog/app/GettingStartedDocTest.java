package dev.libsqljpa.examples.blog.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.testkit.LibsqlTestServer;
import dev.libsqljpa.testkit.junit.LibsqlServerExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Builds section 3 of docs/getting-started.md as a user would: the dependency block must name
 * exactly the artifacts (and versions) on this module's class path, and the documented entity, main
 * class and persistence.xml, compiled here with javax.tools, must run in a new JVM against a libSQL
 * server with nothing added but {@code LIBSQL_URL}.
 */
@ExtendWith(LibsqlServerExtension.class)
class GettingStartedDocTest {

    private static final Path DOC = Path.of("..", "..", "docs", "getting-started.md");
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");
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

    private static List<String> javaBlocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(section3());
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /**
     * The documented application, built from the doc's blocks as they are: the two classes compiled
     * against this module's class path (the documented dependencies, see the test above), the
     * persistence.xml as the only resource, and {@code com.example.Main} run in a new JVM with
     * {@code LIBSQL_URL} pointing at a test server, as the doc tells users to run it.
     *
     * <p>Why not a generated Maven project run with {@code mvn -o}: a separate Maven process sees
     * the reactor's artifacts only once they are installed in the local repository, and this build
     * never installs (the repository is shared); during {@code test} they are not even jars yet.
     */
    @Test
    void theDocumentedApplicationRunsAgainstLibsql(LibsqlTestServer server) throws Exception {
        String persistenceXml = xmlBlocks().get(1);
        assertThat(persistenceXml)
                .contains("<persistence ", "<class>com.example.Note</class>")
                .doesNotContain("hibernate.dialect");
        List<String> classes = javaBlocks();
        assertThat(classes).describedAs("java blocks of section 3").hasSize(2);
        Path app = Path.of("target", "getting-started");
        Path sources = app.resolve("src/com/example");
        Path output = app.resolve("classes");
        Files.createDirectories(sources);
        Files.createDirectories(output.resolve("META-INF"));
        Files.writeString(output.resolve("META-INF/persistence.xml"), persistenceXml, StandardCharsets.UTF_8);
        List<String> javacArgs =
                new ArrayList<>(List.of("-d", output.toString(), "-classpath", System.getProperty("java.class.path")));
        for (String source : classes) {
            Matcher name = CLASS_NAME.matcher(source);
            assertThat(name.find()).describedAs("a public class in %s", source).isTrue();
            Path file = sources.resolve(name.group(1) + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            javacArgs.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, javacArgs.toArray(new String[0])))
                .describedAs("javac status")
                .isZero();

        ProcessBuilder run = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        output + File.pathSeparator + System.getProperty("java.class.path"),
                        "com.example.Main")
                .redirectErrorStream(true);
        run.environment().put("LIBSQL_URL", "jdbc:libsql:" + server.url());
        run.environment().remove("LIBSQL_AUTH_TOKEN");
        Process process = run.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .describedAs("Main ended")
                .isTrue();

        assertThat(process.exitValue())
                .describedAs("exit status of Main; it printed:%n%s", printed)
                .isZero();
        assertThat(printed.lines().filter(line -> line.startsWith("note ")))
                .describedAs("what Main printed (all output:%n%s)", printed)
                .containsExactly("note 1: hello, libSQL");
    }
}
