/**
 * Hibernate ORM on libSQL: {@link dev.libsqljpa.hibernate.LibsqlDialect}, picked by
 * {@link dev.libsqljpa.hibernate.LibsqlDialectResolver} when the driver reports the product name
 * {@code libSQL} (no {@code hibernate.dialect} setting needed). The same sources are compiled against
 * Hibernate 6.6 and 7.x ({@code docs/architecture.md}), so only API present on both lines is used here.
 *
 * <p>Code in this module uses {@code java.sql} and the public {@code dev.libsqljpa.jdbc} package only.
 */
package dev.libsqljpa.hibernate;
