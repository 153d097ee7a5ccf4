package dev.libsqljpa.it.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Container-managed EntityManager with JTA transactions; the tenant of each transaction comes from
 * {@link RequestTenant}, its connection from the tenant's own WildFly datasource.
 */
@ApplicationScoped
public class NoteService {

    @PersistenceContext(unitName = "app")
    EntityManager em;

    @Transactional
    public long add(String text) {
        Note note = Note.of(text);
        em.persist(note);
        em.flush();
        return note.id;
    }

    /** Writes, then fails: the JTA transaction of this tenant rolls back. */
    @Transactional
    public void addThenFail(String text) {
        em.persist(Note.of(text));
        em.flush();
        throw new IllegalStateException("failing on purpose after writing '" + text + "'");
    }

    @Transactional
    public List<String> texts() {
        return em.createQuery("select n.text from Note n order by n.text", String.class)
                .getResultList();
    }
}
