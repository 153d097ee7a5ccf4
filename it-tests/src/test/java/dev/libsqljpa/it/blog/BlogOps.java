package dev.libsqljpa.it.blog;

import java.time.LocalDateTime;

/** What each blog model version's WAR can do; exactly one implementation is in each WAR. */
public interface BlogOps {

    /** The time every seeded row is stamped with, so snapshots are stable. */
    LocalDateTime AT = LocalDateTime.of(2024, 5, 6, 7, 8, 9);

    /** Stores data the way this version's application would (one post, plus what the version adds). */
    String seed(String tag);

    /** Every row this version maps, as stable text: slugs and links, sorted. */
    String snapshot();
}
