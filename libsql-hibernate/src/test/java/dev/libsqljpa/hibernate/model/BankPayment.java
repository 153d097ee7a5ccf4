package dev.libsqljpa.hibernate.model;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import java.math.BigDecimal;

@Entity
@DiscriminatorValue("BANK")
public class BankPayment extends Payment {

    private String iban;

    protected BankPayment() {}

    public BankPayment(Long id, BigDecimal amount, String iban) {
        super(id, amount);
        this.iban = iban;
    }

    public String getIban() {
        return iban;
    }
}
