/**
 * Blog model v4: {@code posts.subtitle} and a NOT NULL {@code posts.series_position} added to a table
 * that already has rows; series stay as in v2.
 */
package dev.libsqljpa.testing.blog.v4;
