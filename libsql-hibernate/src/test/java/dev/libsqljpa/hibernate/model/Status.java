package dev.libsqljpa.hibernate.model;

public enum Status {
    DRAFT,
    PUBLISHED,
    ARCHIVED
}
