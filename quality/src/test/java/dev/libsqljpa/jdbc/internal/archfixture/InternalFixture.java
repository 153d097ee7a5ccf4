package dev.libsqljpa.jdbc.internal.archfixture;

/** A harmless class in the driver's non-API package. */
public final class InternalFixture {

    private InternalFixture() {}

    public static int touch() {
        return 1;
    }
}
