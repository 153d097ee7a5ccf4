package dev.libsqljpa.it.crud;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Container-managed EntityManager in a CDI bean with JTA transactions: the plain Jakarta EE way. */
@ApplicationScoped
public class ItemService {

    @PersistenceContext(unitName = "app")
    EntityManager em;

    @Transactional
    public Item create(String name) {
        Item item = new Item(name);
        em.persist(item);
        return item;
    }

    @Transactional
    public Optional<Item> find(long id) {
        return Optional.ofNullable(em.find(Item.class, id));
    }

    /** Merges the client's copy: a stale version fails with OptimisticLockException, not a lost update. */
    @Transactional
    public Item rename(long id, int expectedVersion, String name) {
        Item merged = em.merge(Item.detached(id, expectedVersion, name));
        em.flush();
        return merged;
    }

    @Transactional
    public boolean delete(long id) {
        Item item = em.find(Item.class, id);
        if (item == null) {
            return false;
        }
        em.remove(item);
        return true;
    }

    /** Persists, flushes (the INSERT reaches the database) and then fails: JTA must roll the row back. */
    @Transactional
    public void createThenFail(String name) {
        em.persist(new Item(name));
        em.flush();
        throw new IllegalStateException("failing on purpose after inserting " + name);
    }

    @Transactional
    public long countByName(String name) {
        return em.createQuery("select count(i) from Item i where i.name = :name", Long.class)
                .setParameter("name", name)
                .getSingleResult();
    }
}
