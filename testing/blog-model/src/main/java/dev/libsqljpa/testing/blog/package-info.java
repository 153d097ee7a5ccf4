/**
 * Test fixture, not published: the blog model's five deployments as JPA entities, shared by the schema
 * tests of libsql-hibernate and the WildFly ITs. {@link dev.libsqljpa.testing.blog.BlogVersion} lists the
 * entity classes of each version; the column sets every version shares live here, the entities in one
 * package per version ({@code v1} … {@code v5}), named after their version ({@code PostV1} …
 * {@code ImageV5}) but mapped under the same entity names ({@code Post}, {@code Series}, {@code Image})
 * so that queries read the same on every version.
 */
package dev.libsqljpa.testing.blog;
