package dev.libsqljpa.hibernate.model.ids;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity with an assigned id: a write that does not reserve an id. */
@Entity
public class Stamp {
    @Id
    private Long id;

    protected Stamp() {}

    public Stamp(long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }
}
