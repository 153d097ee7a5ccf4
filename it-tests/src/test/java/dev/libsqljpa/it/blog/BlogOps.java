package dev.libsqljpa.it.blog;

/** What each blog model version's WAR can do; exactly one implementation is in each WAR. */
public interface BlogOps {

    /** Stores data the way this version's application would (one post, plus what the version adds). */
    String seed(String tag);

    /** Every row this version maps, as stable text: slugs and links, sorted. */
    String snapshot();
}
