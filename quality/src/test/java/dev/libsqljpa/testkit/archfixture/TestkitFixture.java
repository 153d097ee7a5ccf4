package dev.libsqljpa.testkit.archfixture;

/** A testkit class that is not the CLI entry point, so it must not print either. */
public final class TestkitFixture {

    private TestkitFixture() {}

    public static int touch() {
        System.out.println("only LibsqlTestServerMain may print");
        return 1;
    }
}
