/**
 * Earlier versions of the blog model (v1 to v4), replayed in order by {@code BlogApp replay} to
 * show how the schema tool evolves a live database. v5 is the current model in
 * {@link dev.libsqljpa.examples.blog.model}.
 *
 * <ul>
 *   <li>v1: {@code posts}</li>
 *   <li>v2: + {@code series} (with {@code published})</li>
 *   <li>v3: + {@code posts.series_id} referencing {@code series}</li>
 *   <li>v4: + {@code posts.subtitle}, {@code posts.series_position}</li>
 *   <li>v5: − {@code series.published}; + {@code images}</li>
 * </ul>
 *
 * <p>The same history as Flyway migrations: {@code src/main/resources/db/blog-history}
 * ({@code V1__posts.sql} … {@code V5__images_drop_series_published.sql}), applied by
 * {@code BlogApp replay --flyway}, after which each version's model only validates the schema.
 */
package dev.libsqljpa.examples.blog.history;
