package dev.libsqljpa.hibernate.tenant;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.spi.InitialContextFactory;

/**
 * A minimal JNDI for the JNDI-template tests, selected with {@code hibernate.jndi.class}: {@code lookup}
 * answers from {@link #BOUND}, everything else is unsupported.
 */
public final class TestNaming implements InitialContextFactory {

    static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(
                TestNaming.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> lookup(args[0]);
                    case "getNameParser" -> (NameParser) CompositeName::new;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object lookup(Object nameOrString) throws NameNotFoundException {
        String name = nameOrString instanceof Name ? nameOrString.toString() : (String) nameOrString;
        Object found = BOUND.get(name);
        if (found == null) {
            throw new NameNotFoundException(name);
        }
        return found;
    }
}
