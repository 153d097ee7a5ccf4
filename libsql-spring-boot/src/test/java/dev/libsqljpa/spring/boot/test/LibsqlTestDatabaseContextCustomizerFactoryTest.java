package dev.libsqljpa.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

class LibsqlTestDatabaseContextCustomizerFactoryTest {

    private static final String TOKEN = "customizer-test-token";

    @LibsqlTestDatabase
    static class Plain {}

    @LibsqlTestDatabase
    static class AlsoPlain {}

    static class InheritsIt extends Plain {}

    @LibsqlTestDatabase(authToken = TOKEN)
    static class WithToken {}

    static class NotAnnotated {}

    private static ContextCustomizer customizerFor(Class<?> testClass) {
        return new LibsqlTestDatabaseContextCustomizerFactory().createContextCustomizer(testClass, List.of());
    }

    @Test
    void onlyAnnotatedTestClassesAreCustomized() {
        assertThat(customizerFor(NotAnnotated.class)).isNull();
        assertThat(customizerFor(Plain.class)).isNotNull();
        assertThat(customizerFor(InheritsIt.class))
                .describedAs("the annotation is inherited")
                .isNotNull();
    }

    @Test
    void sameSettingsShareOneCachedContext() {
        assertThat(customizerFor(Plain.class))
                .isEqualTo(customizerFor(AlsoPlain.class))
                .hasSameHashCodeAs(customizerFor(AlsoPlain.class));
        assertThat(customizerFor(Plain.class)).isNotEqualTo(customizerFor(WithToken.class));
    }

    @Test
    void tokenIsNotPrinted() {
        assertThat(customizerFor(WithToken.class).toString())
                .contains("authToken=<set>")
                .doesNotContain(TOKEN);
    }
}
