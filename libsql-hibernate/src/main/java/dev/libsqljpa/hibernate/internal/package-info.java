/**
 * The dialect's parts, not API: DDL exporters (foreign keys inline in {@code CREATE TABLE}, references
 * on added columns), identity columns, the text formats of dates, times and decimals, exception
 * conversion, and the integrator that lets each flush's insert batches travel in one request.
 */
package dev.libsqljpa.hibernate.internal;
