package dev.libsqljpa.hrana.session.archfixture;

/** A harmless stream-layer class. */
public final class SessionFixture {

    private SessionFixture() {}

    public static int touch() {
        return 1;
    }
}
