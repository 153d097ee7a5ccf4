package dev.libsqljpa.hrana.archfixture;

/** A harmless protocol-layer class that upper-layer fixtures refer to. */
public final class HranaFixture {

    private HranaFixture() {}

    public static int touch() {
        return 1;
    }
}
