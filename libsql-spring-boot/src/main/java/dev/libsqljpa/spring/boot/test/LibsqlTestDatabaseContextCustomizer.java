package dev.libsqljpa.spring.boot.test;

import dev.libsqljpa.spring.boot.LibsqlDefaults;
import dev.libsqljpa.testkit.LibsqlTestServer;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
        // The pool and JPA defaults follow the data source, which is libSQL whatever the properties say.
        LibsqlDefaults.addTo(context.getEnvironment(), true);

        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
        // Started as a bean (not here), so that the factory closes it with the context, also when the
        // context fails to start.
        RootBeanDefinition serverBean = new RootBeanDefinition(LibsqlTestServer.class, this::startServer);
        serverBean.setDestroyMethodName("close");
        registry.registerBeanDefinition(SERVER_BEAN, serverBean);
        registry.registerBeanDefinition(
                DETAILS_BEAN,
                new RootBeanDefinition(
                        LibsqlTestConnectionDetails.class,
                        () -> new LibsqlTestConnectionDetails(
                                LibsqlDefaults.URL_PREFIX
                                        + beanFactory
                                                .getBean(SERVER_BEAN, LibsqlTestServer.class)
                                                .url(),
                                authToken.isEmpty() ? null : authToken)));
    }

    private LibsqlTestServer startServer() {
        LibsqlTestServer.Builder builder = LibsqlTestServer.builder();
        if (!authToken.isEmpty()) {
            builder.authToken(authToken);
        }
        return builder.start();
    }

    @Override
    public String toString() {
        return "LibsqlTestDatabaseContextCustomizer[authToken=" + (authToken.isEmpty() ? "none" : "<set>") + "]";
    }
}
