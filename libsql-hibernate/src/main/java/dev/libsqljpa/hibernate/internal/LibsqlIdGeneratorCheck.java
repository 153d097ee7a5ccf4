package dev.libsqljpa.hibernate.internal;

import dev.libsqljpa.hibernate.LibsqlDialect;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.HibernateException;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.generator.Generator;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.hibernate.id.enhanced.TableGenerator;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Fails the boot of a session factory on {@link LibsqlDialect} that has an id generator which cannot
 * work safely on a single-writer database, naming the entity and what to use instead:
 * <ul>
 *   <li>a generator that reserves ids on a second connection (a table-backed sequence, which Hibernate
 *       picks for a pooled optimizer, or {@code GenerationType.TABLE}): inside a transaction that has
 *       written, that connection waits for the write lock this transaction holds, and fails;</li>
 *   <li>a sequence generator that caches a range of ids across transactions (any optimizer with an
 *       increment above 1): its reservation runs in the current transaction, so a rollback undoes it
 *       while the range stays in memory, and the same ids would be handed out again.</li>
 * </ul>
 * The check runs once the generators exist (when the session factory is created).
 */
public final class LibsqlIdGeneratorCheck implements Integrator {

    /** What to use instead; shared by every message about id generators. */
    public static final String ADVICE = "use @GeneratedValue (AUTO or SEQUENCE) with"
            + " hibernate.id.optimizer.pooled.preferred=none, which libsql-hibernate sets by default for a"
            + " persistence unit with a jdbc:libsql: URL, or @SequenceGenerator(allocationSize = 1);"
            + " or GenerationType.IDENTITY; or UUID or assigned ids (see docs/hibernate.md, Ids)";

    @Override
    public void integrate(
            Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        if (sessionFactory.getJdbcServices().getDialect() instanceof LibsqlDialect) {
            sessionFactory.addObserver(new Observer());
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // Nothing held.
    }

    /** The problem with {@code generator} on libSQL, or null when it is safe. */
    static String problem(Generator generator) {
        if (generator instanceof TableGenerator) {
            return "GenerationType.TABLE reserves ids on a second connection, which cannot write while the"
                    + " current transaction holds the database's single write lock";
        }
        if (generator instanceof SequenceStyleGenerator sequence) {
            if (!sequence.getDatabaseStructure().isPhysicalSequence()) {
                return "its optimizer (" + sequence.getOptimizer().getClass().getSimpleName()
                        + ", allocation size " + sequence.getOptimizer().getIncrementSize()
                        + ") makes Hibernate reserve ids on a second connection, which cannot write while the"
                        + " current transaction holds the database's single write lock";
            }
            if (sequence.getOptimizer().getIncrementSize() > 1) {
                return "its optimizer (" + sequence.getOptimizer().getClass().getSimpleName()
                        + ", allocation size " + sequence.getOptimizer().getIncrementSize()
                        + ") keeps a range of ids in memory whose reservation a rollback undoes";
            }
        }
        return null;
    }

    private static final class Observer implements SessionFactoryObserver {
        @Override
        public void sessionFactoryCreated(SessionFactory factory) {
            List<String> problems = new ArrayList<>();
            ((SessionFactoryImplementor) factory).getMappingMetamodel().forEachEntityDescriptor(persister -> {
                if (!persister.getEntityName().equals(persister.getRootEntityName())) {
                    return; // subclasses share their root's generator
                }
                String problem = problem(persister.getGenerator());
                if (problem != null) {
                    problems.add(persister.getEntityName() + ": " + problem);
                }
            });
            if (!problems.isEmpty()) {
                throw new HibernateException("libSQL: id generators that cannot work on a single-writer database: "
                        + String.join("; ", problems) + ". Instead, " + ADVICE);
            }
        }
    }
}
