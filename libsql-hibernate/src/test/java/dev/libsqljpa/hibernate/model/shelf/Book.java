package dev.libsqljpa.hibernate.model.shelf;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
public class Book {

    @Id
    private Long id;

    private String title;

    @ManyToOne
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Shelf shelf;

    protected Book() {}

    public Book(Long id, String title, Shelf shelf) {
        this.id = id;
        this.title = title;
        this.shelf = shelf;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public Shelf getShelf() {
        return shelf;
    }
}
