/** The blog's current entities (model v5): posts, series and images. */
package dev.libsqljpa.examples.blog.model;
