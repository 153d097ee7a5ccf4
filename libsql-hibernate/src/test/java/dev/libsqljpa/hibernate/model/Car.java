package dev.libsqljpa.hibernate.model;

import jakarta.persistence.Entity;

@Entity
public class Car extends Vehicle {

    private int seats;

    protected Car() {}

    public Car(Long id, String maker, int seats) {
        super(id, maker, 4);
        this.seats = seats;
    }

    public int getSeats() {
        return seats;
    }
}
