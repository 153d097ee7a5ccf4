package dev.libsqljpa.hrana.archfixture.cycle.right;

import dev.libsqljpa.hrana.archfixture.cycle.left.LeftOfCycle;

/** Bad on purpose: the other half of the package cycle of {@link LeftOfCycle}. */
public class RightOfCycle {
    public LeftOfCycle partner() {
        return new LeftOfCycle();
    }
}
