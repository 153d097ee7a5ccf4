package dev.libsqljpa.hibernate.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** UUID ids assigned by the application (batchable); the java.time, LOB and JSON columns. */
@Entity
public class Event {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private Instant happenedAt;
    private LocalDate day;
    private LocalTime timeOfDay;
    private LocalDateTime localStamp;
    private OffsetDateTime offsetStamp;

    @Lob
    private byte[] payload;

    private UUID correlation;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> attributes;

    protected Event() {}

    public Event(UUID id, String name) {
        this.id = id;
        this.name = name;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getHappenedAt() {
        return happenedAt;
    }

    public void setHappenedAt(Instant happenedAt) {
        this.happenedAt = happenedAt;
    }

    public LocalDate getDay() {
        return day;
    }

    public void setDay(LocalDate day) {
        this.day = day;
    }

    public LocalTime getTimeOfDay() {
        return timeOfDay;
    }

    public void setTimeOfDay(LocalTime timeOfDay) {
        this.timeOfDay = timeOfDay;
    }

    public LocalDateTime getLocalStamp() {
        return localStamp;
    }

    public void setLocalStamp(LocalDateTime localStamp) {
        this.localStamp = localStamp;
    }

    public OffsetDateTime getOffsetStamp() {
        return offsetStamp;
    }

    public void setOffsetStamp(OffsetDateTime offsetStamp) {
        this.offsetStamp = offsetStamp;
    }

    public byte[] getPayload() {
        return payload;
    }

    public void setPayload(byte[] payload) {
        this.payload = payload;
    }

    public UUID getCorrelation() {
        return correlation;
    }

    public void setCorrelation(UUID correlation) {
        this.correlation = correlation;
    }

    public Map<String, Object> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, Object> attributes) {
        this.attributes = attributes;
    }
}
