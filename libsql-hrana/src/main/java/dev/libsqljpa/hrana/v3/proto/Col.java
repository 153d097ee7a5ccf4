package dev.libsqljpa.hrana.v3.proto;

/** A result column: its name and declared type, either of which may be null. */
public record Col(String name, String decltype) {}
