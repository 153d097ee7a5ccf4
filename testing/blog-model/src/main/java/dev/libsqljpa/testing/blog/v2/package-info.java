/** Blog model v2: adds {@code series} (with {@code published}); posts stay as in v1. */
package dev.libsqljpa.testing.blog.v2;
