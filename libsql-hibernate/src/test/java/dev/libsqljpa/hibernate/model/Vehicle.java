package dev.libsqljpa.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public abstract class Vehicle {

    @Id
    private Long id;

    private String maker;

    private int wheels;

    protected Vehicle() {}

    protected Vehicle(Long id, String maker, int wheels) {
        this.id = id;
        this.maker = maker;
        this.wheels = wheels;
    }

    public Long getId() {
        return id;
    }

    public String getMaker() {
        return maker;
    }

    public int getWheels() {
        return wheels;
    }
}
