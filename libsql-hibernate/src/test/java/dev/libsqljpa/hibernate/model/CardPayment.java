package dev.libsqljpa.hibernate.model;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import java.math.BigDecimal;

@Entity
@DiscriminatorValue("CARD")
public class CardPayment extends Payment {

    private String cardLast4;

    protected CardPayment() {}

    public CardPayment(Long id, BigDecimal amount, String cardLast4) {
        super(id, amount);
        this.cardLast4 = cardLast4;
    }

    public String getCardLast4() {
        return cardLast4;
    }
}
