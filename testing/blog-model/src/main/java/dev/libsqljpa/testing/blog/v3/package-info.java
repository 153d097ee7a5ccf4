/** Blog model v3: {@code posts.series_id} references {@code series}; series stay as in v2. */
package dev.libsqljpa.testing.blog.v3;
