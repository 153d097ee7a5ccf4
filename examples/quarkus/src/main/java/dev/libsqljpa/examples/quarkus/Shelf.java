package dev.libsqljpa.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The application's service: container-managed transactions over the libSQL database. */
@ApplicationScoped
public class Shelf {

    @Inject
    EntityManager em;

    /** Stores all books in one transaction: all or none. */
    @Transactional
    public List<Long> add(List<Book> books) {
        for (Book book : books) {
            em.persist(book);
        }
        em.flush();
        return books.stream().map(b -> b.id).toList();
    }

    @Transactional
    public Optional<Book> byIsbn(String isbn) {
        return em.createQuery("select b from Book b where b.isbn = :isbn", Book.class)
                .setParameter("isbn", isbn)
                .getResultStream()
                .findFirst();
    }

    /** One page of books by title, for listing screens. */
    @Transactional
    public List<Book> page(int page, int size) {
        return em.createQuery("select b from Book b order by b.title, b.id", Book.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
    }

    @Transactional
    public long count() {
        return em.createQuery("select count(b) from Book b", Long.class).getSingleResult();
    }

    @Transactional
    public void retitle(long id, String title) {
        em.find(Book.class, id).title = title;
    }

    @Transactional
    public boolean remove(long id) {
        Book book = em.find(Book.class, id);
        if (book == null) {
            return false;
        }
        em.remove(book);
        return true;
    }
}
