/**
 * The Quarkus example: one entity ({@code Book}) and one application-scoped service ({@code Shelf})
 * with container-managed transactions, on a libSQL datasource configured in {@code application.properties}.
 */
package dev.libsqljpa.examples.quarkus;
