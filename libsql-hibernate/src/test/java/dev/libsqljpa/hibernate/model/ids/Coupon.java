package dev.libsqljpa.hibernate.model.ids;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** {@code GenerationType.TABLE}: reserves ids on a second connection, refused at boot on libSQL. */
@Entity
public class Coupon {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE)
    private Long id;

    protected Coupon() {}

    public Long getId() {
        return id;
    }
}
