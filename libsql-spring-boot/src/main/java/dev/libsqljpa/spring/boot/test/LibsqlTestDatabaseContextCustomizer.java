package dev.libsqljpa.spring.boot.test;

import dev.libsqljpa.spring.boot.LibsqlDefaults;
import dev.libsqljpa.testkit.LibsqlTestServer;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link LibsqlTestServer} for one test application context and registers it and its
 * {@code JdbcConnectionDetails} as beans. A record, so that Spring's context cache shares one
 * context (and server) between test classes with the same token; the token is left out of {@link
 * #toString()}.
 */
record LibsqlTestDatabaseContextCustomizer(String authToken) implements ContextCustomizer {

    static final String SERVER_BEAN = "libsqlTestServer";
    static final String DETAILS_BEAN = "libsqlTestConnectionDetails";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        LibsqlTestServer.Builder builder = LibsqlTestServer.builder();
        if (!authToken.isEmpty()) {
            builder.authToken(authToken);
        }
        LibsqlTestServer server = builder.start();
        String jdbcUrl = LibsqlDefaults.URL_PREFIX + server.url();
        // The pool and JPA defaults follow the data source, which is libSQL whatever the properties say.
        LibsqlDefaults.addTo(context.getEnvironment(), true);

        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
        // A definition, not registerSingleton: the factory then calls close() when the context closes.
        RootBeanDefinition serverBean = new RootBeanDefinition(LibsqlTestServer.class, () -> server);
        serverBean.setDestroyMethodName("close");
        registry.registerBeanDefinition(SERVER_BEAN, serverBean);
        registry.registerBeanDefinition(DETAILS_BEAN, new RootBeanDefinition(LibsqlTestConnectionDetails.class,
                () -> new LibsqlTestConnectionDetails(jdbcUrl, authToken.isEmpty() ? null : authToken)));
    }

    @Override
    public String toString() {
        return "LibsqlTestDatabaseContextCustomizer[authToken=" + (authToken.isEmpty() ? "none" : "<set>") + "]";
    }
}
