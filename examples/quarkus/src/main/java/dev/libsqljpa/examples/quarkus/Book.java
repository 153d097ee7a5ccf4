package dev.libsqljpa.examples.quarkus;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A book on a shelf: the one entity of the Quarkus example. */
@Entity
@Table(name = "books")
public class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false, unique = true)
    public String isbn;

    @Column(name = "published_on")
    public LocalDate publishedOn;

    public static Book of(String title, String isbn, LocalDate publishedOn) {
        Book book = new Book();
        book.title = title;
        book.isbn = isbn;
        book.publishedOn = publishedOn;
        return book;
    }
}
