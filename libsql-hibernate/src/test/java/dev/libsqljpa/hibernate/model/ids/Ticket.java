package dev.libsqljpa.hibernate.model.ids;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An id as the tutorials write it: {@code @GeneratedValue} with no strategy (AUTO). */
@Entity
public class Ticket {
    @Id
    @GeneratedValue
    private Long id;

    private String label;

    protected Ticket() {}

    public Ticket(String label) {
        this.label = label;
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }
}
