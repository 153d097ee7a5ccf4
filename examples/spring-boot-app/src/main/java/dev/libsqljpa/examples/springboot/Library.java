package dev.libsqljpa.examples.springboot;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Application service: each public method is one transaction. */
@Service
public class Library {

    private final BookRepository books;

    public Library(BookRepository books) {
        this.books = books;
    }

    /** Adds all books in one transaction (Hibernate batches the inserts). */
    @Transactional
    public List<Book> addAll(List<Book> newBooks) {
        return books.saveAll(newBooks);
    }

    /**
     * Adds the books, then fails if any title is blank: the whole transaction rolls back, so none
     * of them is stored.
     */
    @Transactional
    public List<Book> addAllOrNothing(List<Book> newBooks) {
        List<Book> saved = books.saveAll(newBooks);
        books.flush();
        for (Book book : newBooks) {
            if (book.getTitle().isBlank()) {
                throw new IllegalArgumentException("a book needs a title; nothing was added");
            }
        }
        return saved;
    }
}
