package dev.libsqljpa.hrana.archfixture.cycle.left;

import dev.libsqljpa.hrana.archfixture.cycle.right.RightOfCycle;

/** Bad on purpose: this package and {@code cycle.right} use each other (a package cycle). */
public class LeftOfCycle {
    public RightOfCycle partner() {
        return new RightOfCycle();
    }
}
