package dev.libsqljpa.spring.boot.test;

import java.util.List;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.util.ClassUtils;

/**
 * Turns {@link LibsqlTestDatabase} on a test class into a {@link LibsqlTestDatabaseContextCustomizer}
 * (registered in {@code META-INF/spring.factories}; Spring's test framework loads it). Test classes
 * without the annotation are not touched, and neither spring-test nor libsql-testkit is needed at
 * run time unless a test uses the annotation.
 */
public final class LibsqlTestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    static final String TESTKIT_CLASS = "dev.libsqljpa.testkit.LibsqlTestServer";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotation<LibsqlTestDatabase> annotation =
                MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY).get(LibsqlTestDatabase.class);
        if (!annotation.isPresent()) {
            return null;
        }
        if (!ClassUtils.isPresent(TESTKIT_CLASS, testClass.getClassLoader())) {
            throw new IllegalStateException("@LibsqlTestDatabase on " + testClass.getName()
                    + " needs the test server: add dev.libsqljpa:libsql-testkit with <scope>test</scope>");
        }
        return new LibsqlTestDatabaseContextCustomizer(annotation.getString("authToken"));
    }
}
