package dev.libsqljpa.hibernate.internal;

import dev.libsqljpa.hibernate.LibsqlDialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.HibernateException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.FlushEvent;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.jboss.logging.Logger;

/**
 * Sends all insert batches of a flush in one request: around every flush (explicit, at commit,
 * and automatic before queries) of a session factory whose dialect is {@link LibsqlDialect}, it
 * turns the libSQL driver's batch deferral on before Hibernate executes the flush and off after
 * (which sends the deferred batches, so a failure is still thrown by the flush). Deferral also
 * ends by itself at commit, rollback and close, so a flush that fails half way leaves nothing on.
 *
 * <p>The flush Hibernate runs as part of a commit is the exception: its deferred rows are left
 * queued, and the connection's {@code commit()} sends them together with {@code COMMIT}, each
 * gated on the one before (one request for the flush and the commit). A failing row then fails the
 * commit, and the gated {@code COMMIT} does not run: nothing is committed. Everything Hibernate
 * runs between that flush and the commit (version checks of {@code LockModeType.OPTIMISTIC}, for
 * example) is a statement that carries the queued rows first, in order.
 *
 * <p>The driver's public {@code dev.libsqljpa.jdbc.LibsqlConnection} is reached reflectively so
 * that this integrator, found by every session factory on the class path, never fails where the
 * driver is not visible (it then does nothing). Connections reach it through pools and
 * application-server wrappers via {@link Connection#unwrap(Class)}.
 */
public final class LibsqlBatchDeferralIntegrator implements Integrator {
    private static final Logger LOG = Logger.getLogger(LibsqlBatchDeferralIntegrator.class);
    static final String DRIVER_API = "dev.libsqljpa.jdbc.LibsqlConnection";

    @Override
    public void integrate(
            Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        if (!(sessionFactory.getJdbcServices().getDialect() instanceof LibsqlDialect)) {
            return;
        }
        DriverApi api = DriverApi.find();
        if (api == null) {
            LOG.debugf("%s is not visible to libsql-hibernate: insert batches are sent one request each", DRIVER_API);
            return;
        }
        EventListenerRegistry registry = sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class);
        if (registry == null) {
            LOG.debugf("no EventListenerRegistry: insert batches are sent one request each");
            return;
        }
        Begin begin = new Begin(api);
        End end = new End(api);
        registry.prependListeners(EventType.FLUSH, begin);
        registry.appendListeners(EventType.FLUSH, end);
        registry.prependListeners(EventType.AUTO_FLUSH, begin);
        registry.appendListeners(EventType.AUTO_FLUSH, end);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // Nothing to release: the listeners hold no resources.
    }

    /** The driver's batch-deferral methods. */
    static final class DriverApi {
        final Class<?> type;
        final Method begin;
        final Method end;

        private DriverApi(Class<?> type) throws NoSuchMethodException {
            this.type = type;
            this.begin = type.getMethod("beginBatchDeferral");
            this.end = type.getMethod("endBatchDeferral");
        }

        static DriverApi find() {
            ClassLoader[] loaders = {
                LibsqlBatchDeferralIntegrator.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()
            };
            for (ClassLoader loader : loaders) {
                if (loader == null) {
                    continue;
                }
                try {
                    return new DriverApi(Class.forName(DRIVER_API, false, loader));
                } catch (ClassNotFoundException | NoSuchMethodException | LinkageError notHere) {
                    LOG.tracef("%s not loadable from %s: %s", DRIVER_API, loader, notHere);
                }
            }
            return null;
        }

        /** The session's libSQL connection, or null when it is not one. */
        Object connection(EventSource session) throws SQLException {
            Connection connection =
                    session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
            if (connection == null) {
                return null;
            }
            if (type.isInstance(connection)) {
                return connection;
            }
            return connection.isWrapperFor(type) ? connection.unwrap(type) : null;
        }

        void call(Method method, EventSource session) {
            try {
                Object connection = connection(session);
                if (connection != null) {
                    method.invoke(connection);
                }
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException sqlException) {
                    throw session.getJdbcServices()
                            .getSqlExceptionHelper()
                            .convert(sqlException, "could not execute batch");
                }
                if (cause instanceof RuntimeException runtimeException) {
                    throw runtimeException;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new HibernateException("libSQL batch deferral failed", cause);
            } catch (SQLException e) {
                throw session.getJdbcServices()
                        .getSqlExceptionHelper()
                        .convert(e, "could not reach the libSQL connection");
            } catch (IllegalAccessException e) {
                throw new HibernateException("libSQL batch deferral is not accessible", e);
            }
        }
    }

    /** Runs first in a flush: defer insert batches. */
    static final class Begin implements FlushEventListener, AutoFlushEventListener {
        private final DriverApi api;

        Begin(DriverApi api) {
            this.api = api;
        }

        @Override
        public void onFlush(FlushEvent event) {
            api.call(api.begin, event.getSession());
        }

        @Override
        public void onAutoFlush(AutoFlushEvent event) {
            api.call(api.begin, event.getSession());
        }
    }

    /**
     * Runs last in a flush: send the deferred batches; a failure fails the flush. Not when the
     * flush is the one Hibernate runs before completing the transaction: then the rows ride the
     * commit.
     */
    static final class End implements FlushEventListener, AutoFlushEventListener {
        private final DriverApi api;

        End(DriverApi api) {
            this.api = api;
        }

        @Override
        public void onFlush(FlushEvent event) {
            if (!CommitFlush.inProgress()) {
                api.call(api.end, event.getSession());
            }
        }

        @Override
        public void onAutoFlush(AutoFlushEvent event) {
            api.call(api.end, event.getSession());
        }
    }
}
