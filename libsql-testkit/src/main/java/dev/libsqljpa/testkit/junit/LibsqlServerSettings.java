package dev.libsqljpa.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings for a {@link LibsqlServerExtension} registered with {@code @ExtendWith} (which cannot take
 * arguments). Ignored by extensions built with {@link LibsqlServerExtension#perMethod()} or
 * {@link LibsqlServerExtension#configure}.
 *
 * <pre>{@code
 * @ExtendWith(LibsqlServerExtension.class)
 * @LibsqlServerSettings(freshPerMethod = true, authToken = "secret")
 * class MyTest { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LibsqlServerSettings {

    /** A fresh server and database for every test method instead of one per class. */
    boolean freshPerMethod() default false;

    /** Bearer token the server requires; empty (default) for none. */
    String authToken() default "";

    /** Idle stream timeout in milliseconds (default 10 000, like sqld). */
    long idleStreamTimeoutMillis() default 10_000;

    /** Write-lock timeout in milliseconds (default 5 000, like sqld). */
    long writeLockTimeoutMillis() default 5_000;
}
