/** Blog model v1: {@code posts} only. */
package dev.libsqljpa.testing.blog.v1;
