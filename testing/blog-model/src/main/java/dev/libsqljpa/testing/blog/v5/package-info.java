/**
 * Blog model v5: {@code series.published} no longer mapped, and {@code images} (each belonging to a
 * post); posts as in v4.
 */
package dev.libsqljpa.testing.blog.v5;
