package dev.libsqljpa.hibernate.model;

import jakarta.persistence.Entity;

@Entity
public class Truck extends Vehicle {

    private double payloadTons;

    protected Truck() {}

    public Truck(Long id, String maker, double payloadTons) {
        super(id, maker, 6);
        this.payloadTons = payloadTons;
    }

    public double getPayloadTons() {
        return payloadTons;
    }
}
