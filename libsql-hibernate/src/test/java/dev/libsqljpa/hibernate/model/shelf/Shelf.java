package dev.libsqljpa.hibernate.model.shelf;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Shelf {

    @Id
    private Long id;

    private String name;

    protected Shelf() {}

    public Shelf(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
